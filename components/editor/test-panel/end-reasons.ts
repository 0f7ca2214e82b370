import type { RunStatus } from "./run-store";
import type { WireEnd } from "./session-wire";

/** The runtime's end reasons in words (docs/protocol.md); a flow's own reasons (an End node's) are shown as they are. */
const endReasons: Record<string, string> = {
  hangup: "You hung up.",
  timeout: "The caller said nothing, so the call ended.",
  operator: "An operator ended the call.",
  shutdown: "The server restarted, which ended the call.",
  error: "The flow stopped because of an error.",
};

/** How an ended call is summed up in the test panel. */
export function endSummary(end: WireEnd): { title: string; detail: string | null } {
  const known = endReasons[end.reason];
  if (known) return { title: known, detail: end.message ?? null };
  return { title: `The call ended: ${end.reason}.`, detail: end.message ?? null };
}

/** The run status in words, for the panel's header. */
export const runStatusLabels: Record<RunStatus, string> = {
  idle: "not started",
  starting: "connecting…",
  running: "in a call",
  ended: "call ended",
  lost: "call lost",
  failed: "could not start",
};
