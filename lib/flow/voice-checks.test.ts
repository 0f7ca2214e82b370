import { describe, expect, it } from "vitest";
import { flowTemplates } from "./samples";
import { draftDocumentSchema, flowDocumentSchema, type FlowGraph } from "./schema";
import { validateFlowGraph } from "./validate";

function withVoice(change: (graph: FlowGraph) => void): FlowGraph {
  const graph = flowTemplates[0]!.graph();
  change(graph);
  return graph;
}

const nodeData = (graph: FlowGraph, id: string): Record<string, unknown> => {
  const node = graph.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`the template has a node ${id}`);
  return node.data;
};

describe("voice settings in validation", () => {
  it("accepts a flow with every voice setting, and runs it", () => {
    const graph = withVoice((g) => {
      g.voice = { speechToText: "deepgram", textToSpeech: "elevenlabs", voice: "openai:nova", language: "en-GB" };
      Object.assign(nodeData(g, "greet"), { voice: "espeak:en-us", rate: 1.25, interruptible: true });
      Object.assign(nodeData(g, "ask"), { language: "en-US", endOfSpeechMs: 800, expectedPhrases: ["tomorrow"] });
    });
    const result = validateFlowGraph(graph);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.filter((issue) => issue.code.startsWith("voice."))).toEqual([]);
  });

  it("round-trips through an exported file, as a draft and as a runnable flow", () => {
    const graph = withVoice((g) => {
      g.voice = { speechToText: "openai", voice: "espeak:en-us", language: "en-GB" };
      Object.assign(nodeData(g, "greet"), { voice: "piper:en_US-joe-medium", rate: 0.9 });
      Object.assign(nodeData(g, "ask"), { language: "en-GB", endOfSpeechMs: 700, expectedPhrases: ["later"] });
    });
    const file = JSON.parse(JSON.stringify({ format: "switchboard.flow", name: "Voices", graph }));
    expect(draftDocumentSchema.parse(file).graph).toEqual(graph);
    expect(flowDocumentSchema.parse(file).graph).toEqual(graph);
  });

  it("warns, without refusing, about a provider or voice nobody offers, at its address", () => {
    const graph = withVoice((g) => {
      g.voice = { speechToText: "acme", textToSpeech: "acme", voice: "acme:bob" };
      nodeData(g, "greet").voice = "acme:ann";
    });
    const result = validateFlowGraph(graph);
    expect(result.ok).toBe(true);
    const voiceWarnings = result.ok ? result.warnings.filter((issue) => issue.code.startsWith("voice.")) : [];
    expect(voiceWarnings.map(({ code, pointer, nodeId }) => ({ code, pointer, nodeId }))).toEqual([
      { code: "voice.unknown_provider", pointer: "/voice/speechToText", nodeId: undefined },
      { code: "voice.unknown_provider", pointer: "/voice/textToSpeech", nodeId: undefined },
      { code: "voice.unknown_voice", pointer: "/voice/voice", nodeId: undefined },
      { code: "voice.unknown_voice", pointer: "/nodes/1/data/voice", nodeId: "greet" },
    ]);
    expect(voiceWarnings[0]!.message).toBe(
      "“acme” is not a speech recogniser Switchboard knows; voice calls use the server's default. Known: Offline (this server) (local), Deepgram (deepgram), OpenAI-compatible (openai)",
    );
    expect(voiceWarnings[3]!.message).toBe(
      "No speech provider offers the voice “acme:ann”; replies are spoken with the flow's voice instead",
    );
  });

  it("reports a malformed language, voice id or pace as a broken field rule, in words", () => {
    const graph = withVoice((g) => {
      Object.assign(nodeData(g, "ask"), { language: "english please" });
      Object.assign(nodeData(g, "greet"), { voice: "joe", rate: 9 });
    });
    const result = validateFlowGraph(graph);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.issues.filter((issue) => issue.code.startsWith("field."));
    expect(fields.map(({ pointer, message }) => ({ pointer, message }))).toEqual([
      { pointer: "/nodes/1/data/voice", message: "Use a voice from the list (an id such as piper:en_US-joe-medium)" },
      { pointer: "/nodes/1/data/rate", message: "At most 2 (double speed)" },
      { pointer: "/nodes/2/data/language", message: "Use a language tag such as en-US or fr-FR" },
    ]);
  });
});
