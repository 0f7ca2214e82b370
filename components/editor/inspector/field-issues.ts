import type { FlowIssue } from "@/lib/flow";

/** The part of an issue's pointer inside its node's data, e.g. `/conditions/0/match/phrases`, or null. */
export function dataPath(issue: FlowIssue): string | null {
  const match = /^\/nodes\/\d+\/data(\/.*)?$/.exec(issue.pointer);
  if (!match) return null;
  return match[1] ?? "";
}

/** Messages of the issues about one node whose data path starts with `path` (e.g. `/text`). */
export function messagesAt(issues: readonly FlowIssue[], path: string): string[] {
  return issues.flatMap((issue) => {
    const at = dataPath(issue);
    return at !== null && (at === path || at.startsWith(`${path}/`)) ? [issue.message] : [];
  });
}

/** Issues about the node as a whole (not about one of its fields). */
export function nodeLevelMessages(issues: readonly FlowIssue[]): FlowIssue[] {
  return issues.filter((issue) => {
    const at = dataPath(issue);
    return at === null || at === "";
  });
}
