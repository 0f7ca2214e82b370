import type { FlowGraph } from "../flow/schema";

/** What a speech recogniser may know about one Listen before the caller speaks (see lib/voice/pipeline). */
export interface ListenHints {
  /**
   * The phrases the Branches after this Listen match on, in graph order without repeats: a recogniser narrows to them
   * (a grammar, keywords), then the Listen's own `expectedPhrases`. Empty when any Branch on the way also matches by
   * regex or expression, or none matches by phrases, and the Listen names none of its own: then anything may matter,
   * and recognition is free-form. Phrases the Listen names are the author saying what matters, so they narrow it
   * even then.
   */
  expectedPhrases: string[];
  /** The Listen's own end-of-speech silence, when it sets one. */
  endOfSpeechMs?: number;
  /** The Listen asks that every turn wait out its end-of-speech silence, even once an expected phrase is heard. */
  waitForFullSilence?: true;
  /** The language the caller speaks, when the Listen or the flow names one (the recogniser's default otherwise). */
  language?: string;
}

/** Kinds passed over on the way from a Listen to the Branches that read its utterance (they do not wait). */
const PASS_THROUGH = new Set(["set", "say", "branch"]);

/**
 * The hints of every Listen of a valid graph, by node id: the Branches reachable from its `heard` port before the next
 * Listen or End, and the phrases they expect.
 */
export function listenHintsOf(graph: FlowGraph): ReadonlyMap<string, ListenHints> {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, { port: string; target: string }[]>();
  for (const edge of graph.edges) {
    const list = outgoing.get(edge.source) ?? [];
    list.push({ port: edge.sourcePort, target: edge.target });
    outgoing.set(edge.source, list);
  }
  const hints = new Map<string, ListenHints>();
  for (const listen of graph.nodes) {
    if (listen.kind !== "listen") continue;
    const phrases = new Set<string>();
    let freeForm = false;
    const seen = new Set<string>();
    const queue = (outgoing.get(listen.id) ?? []).filter((edge) => edge.port === "heard").map((edge) => edge.target);
    while (queue.length > 0) {
      const id = queue.shift()!;
      const node = nodes.get(id);
      if (seen.has(id) || !node || !PASS_THROUGH.has(node.kind)) continue;
      seen.add(id);
      if (node.kind === "branch") {
        for (const condition of node.data.conditions) {
          if (condition.match.type !== "phrases") freeForm = true;
          else for (const phrase of condition.match.phrases) if (phrase.trim()) phrases.add(phrase.trim());
        }
      }
      for (const edge of outgoing.get(id) ?? []) queue.push(edge.target);
    }
    const own = (listen.data.expectedPhrases ?? []).map((phrase) => phrase.trim()).filter(Boolean);
    const expectedPhrases = own.length > 0 ? [...new Set([...phrases, ...own])] : freeForm ? [] : [...phrases];
    const { endOfSpeechMs, waitForFullSilence } = listen.data;
    const language = listen.data.language ?? graph.voice?.language;
    hints.set(listen.id, {
      expectedPhrases,
      ...(endOfSpeechMs === undefined ? {} : { endOfSpeechMs }),
      ...(waitForFullSilence === true ? { waitForFullSilence } : {}),
      ...(language === undefined ? {} : { language }),
    });
  }
  return hints;
}
