"use client";

import { AlertTriangle, CheckCircle2, Lightbulb, XCircle } from "lucide-react";
import type { FlowIssue } from "@/lib/flow";
import { useEditorAccess } from "./flow-source";
import { useUiStore } from "./ui-store";

/** The issue of a flow that is only its Start node: a hint for the first step, not a problem. */
export const FIRST_STEP_CODE = "flow.empty";

function IssueIcon({ issue }: { issue: FlowIssue }) {
  if (issue.severity === "warning") return <AlertTriangle size={14} aria-label="Warning" className="mt-0.5 shrink-0 text-amber-600" />;
  return <XCircle size={14} aria-label="Error" className="mt-0.5 shrink-0 text-red-600" />;
}

/** Every problem of the draft, naming the node it is about; clicking one selects and reveals that node. */
export function IssuesPanel({ onFocusNode }: { onFocusNode: (nodeId: string) => void }) {
  const issues = useUiStore((state) => state.issues);
  const names = useUiStore((state) => state.nodeNames);
  const hint = issues.find((issue) => issue.code === FIRST_STEP_CODE);
  const problems = issues.filter((issue) => issue.code !== FIRST_STEP_CODE);
  const errors = problems.filter((issue) => issue.severity === "error").length;
  // Only those who may test are told it is ready to (a viewer or a share link's visitor cannot start a call).
  const mayTest = useEditorAccess() === "edit";
  return (
    <section
      data-testid="issues-panel"
      aria-labelledby="issues-heading"
      data-errors={errors}
      data-count={problems.length}
      className="flex min-h-0 flex-col"
    >
      <h2
        id="issues-heading"
        className="mb-2 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400"
      >
        Problems
        <span className="rounded bg-zinc-100 px-1.5 font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {problems.length}
        </span>
      </h2>
      {hint && (
        <p
          data-testid="first-step-hint"
          className="mb-2 flex items-start gap-2 rounded-md bg-sky-50 px-2 py-1.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-100"
        >
          <Lightbulb size={14} className="mt-0.5 shrink-0" aria-hidden />
          {hint.message}
        </p>
      )}
      {problems.length === 0 && !hint && (
        <p data-testid="issues-empty" className="flex items-center gap-2 text-xs text-emerald-700 dark:text-emerald-400">
          <CheckCircle2 size={14} aria-hidden /> {mayTest ? "No problems: ready to test" : "No problems"}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="min-h-0 space-y-1 overflow-y-auto">
          {problems.map((issue, index) => {
            const name = issue.nodeId === undefined ? undefined : (names[issue.nodeId] ?? "A node");
            const body = (
              <>
                <IssueIcon issue={issue} />
                <span>
                  {name && <span className="block font-medium text-zinc-800 dark:text-zinc-200">{name}</span>}
                  <span className="text-zinc-700 dark:text-zinc-300">{issue.message}</span>
                </span>
              </>
            );
            return (
              <li key={`${issue.pointer}-${issue.code}-${index}`}>
                {issue.nodeId === undefined ? (
                  <div
                    data-testid="issue-item"
                    data-node-id=""
                    data-severity={issue.severity}
                    className="flex items-start gap-2 px-2 py-1 text-xs"
                  >
                    {body}
                  </div>
                ) : (
                  <button
                    type="button"
                    data-testid="issue-item"
                    data-node-id={issue.nodeId}
                    data-severity={issue.severity}
                    onClick={() => issue.nodeId !== undefined && onFocusNode(issue.nodeId)}
                    className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    {body}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
