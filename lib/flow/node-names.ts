import { nodeKinds } from "./nodes";
import type { FlowNode } from "./schema";

/** The longest quote of a node's text a name carries. */
const QUOTE_LENGTH = 32;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "";
  return ` “${flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1).trimEnd()}…` : flat}”`;
}

/**
 * What people call a node: its label, else its kind with what makes it recognisable (a Say's words, the variable a
 * Listen fills). Shown wherever a node is named (problems, the trace, screen readers) instead of its internal id.
 */
export function nodeDisplayName(node: FlowNode): string {
  const kind = nodeKinds[node.kind].label;
  const label = node.data.label?.trim();
  if (label) return `${kind} “${label}”`;
  switch (node.kind) {
    case "say":
      return `${kind}${quote(node.data.text)}`;
    case "end":
      return `${kind}${quote(node.data.goodbye ?? "") || ` (${node.data.reason})`}`;
    case "listen":
      return node.data.variable ? `${kind} → ${node.data.variable}` : kind;
    case "set":
      return node.data.assignments.length > 0 ? `${kind} ${listOf(node.data.assignments.map((assignment) => assignment.variable))}` : kind;
    case "branch":
    case "start":
      return kind;
  }
}

function listOf(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(", ")}, …` : names.join(", ");
}
