import type { FlowIssue } from "@/lib/flow";

/** The part of an issue's pointer inside its node's data, e.g. `/conditions/0/match/phrases`, or null. */
export function dataPath(issue: FlowIssue): string | null {
  const match = /^\/nodes\/\d+\/data(\/.*)?$/.exec(issue.pointer);
  if (!match) return null;
  return match[1] ?? "";
}

/** The issues about one node whose data path starts with `path` (e.g. `/text`). */
export function issuesAt(issues: readonly FlowIssue[], path: string): FlowIssue[] {
  return issues.filter((issue) => {
    const at = dataPath(issue);
    return at !== null && (at === path || at.startsWith(`${path}/`));
  });
}

/** Messages of the issues about one node whose data path starts with `path` (e.g. `/text`). */
export function messagesAt(issues: readonly FlowIssue[], path: string): string[] {
  return issuesAt(issues, path).map((issue) => issue.message);
}

/** Whether any of the issues is an error (a warning alone does not mark a field invalid). */
export function hasError(issues: readonly FlowIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

/** Issues about the node as a whole (not about one of its fields). */
export function nodeLevelMessages(issues: readonly FlowIssue[]): FlowIssue[] {
  return issues.filter((issue) => {
    const at = dataPath(issue);
    return at === null || at === "";
  });
}
