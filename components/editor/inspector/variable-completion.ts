import { variablesOnArrival, variablesSetInFlow } from "@/lib/flow";
import { useDocumentStore } from "../document-store";
import { canvasToGraph } from "../graph-convert";

/** What a field's text is in the middle of at the caret: a variable name being typed, and where it starts. */
export interface CompletionContext {
  /** The part of the name typed so far. */
  prefix: string;
  /** Where the name starts in the text. */
  start: number;
}

/** Inside `{{ … }}`, right after `{{` or partway through a name. */
export function templateContext(text: string, caret: number): CompletionContext | null {
  const match = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(text.slice(0, caret));
  if (!match) return null;
  const prefix = match[1] ?? "";
  return { prefix, start: caret - prefix.length };
}

/** Partway through an identifier of a CEL expression: not a field after `.`, not inside a string literal. */
export function expressionContext(text: string, caret: number): CompletionContext | null {
  const before = text.slice(0, caret);
  const match = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  if (!match) return null;
  const start = caret - match[0].length;
  if (/\.\s*$/.test(before.slice(0, start))) return null;
  const quotes = (before.slice(0, start).match(/(?<!\\)["']/g) ?? []).length;
  if (quotes % 2 === 1) return null;
  return { prefix: match[0], start };
}

/** The text with a chosen name in place of the prefix, and where the caret goes after it. */
export function complete(
  text: string,
  caret: number,
  context: CompletionContext,
  name: string,
  kind: "template" | "expression",
): { text: string; caret: number } {
  const after = text.slice(caret);
  const closing = kind === "template" && !/^\s*\}\}/.test(after) ? "}}" : "";
  const inserted = name + closing;
  return { text: text.slice(0, context.start) + inserted + after, caret: context.start + inserted.length };
}

/** Names offered for a prefix: those set before the node first, then the rest of the flow's, without the exact prefix. */
export function matching(names: readonly string[], prefix: string): string[] {
  const lower = prefix.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(lower) && name !== prefix);
}

/**
 * The variables a field of this node may read: those some path from Start sets before it, then the others the flow
 * sets; with `utterance` for expressions. Read from the document when asked (on typing), not subscribed to.
 */
export function variableNamesFor(nodeId: string, kind: "template" | "expression"): string[] {
  const { nodes, edges } = useDocumentStore.getState();
  const graph = canvasToGraph(nodes, edges);
  const before = [...(variablesOnArrival(graph).get(nodeId) ?? [])].sort();
  const others = variablesSetInFlow(graph).filter((name) => !before.includes(name));
  const names = [...before, ...others].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  return kind === "expression" ? [...names, "utterance"] : names;
}
