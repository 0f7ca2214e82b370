"use client";

import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import { useUiStore } from "./ui-store";

/** Every problem of the draft; clicking one selects and centers its node. */
export function IssuesPanel({ onFocusNode }: { onFocusNode: (nodeId: string) => void }) {
  const issues = useUiStore((state) => state.issues);
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return (
    <section data-testid="issues-panel" data-errors={errors} data-count={issues.length} className="flex min-h-0 flex-col">
      <h2 className="mb-2 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">
        Problems
        <span className="rounded bg-zinc-100 px-1.5 font-mono text-[11px] dark:bg-zinc-800">{issues.length}</span>
      </h2>
      {issues.length === 0 ? (
        <p data-testid="issues-empty" className="flex items-center gap-2 text-xs text-emerald-600">
          <CheckCircle2 size={14} /> No problems: ready to test
        </p>
      ) : (
        <ul className="min-h-0 space-y-1 overflow-y-auto">
          {issues.map((issue, index) => (
            <li key={`${issue.pointer}-${issue.code}-${index}`}>
              <button
                type="button"
                data-testid="issue-item"
                data-node-id={issue.nodeId ?? ""}
                data-severity={issue.severity}
                disabled={issue.nodeId === undefined}
                onClick={() => issue.nodeId !== undefined && onFocusNode(issue.nodeId)}
                className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-zinc-100 disabled:cursor-default dark:hover:bg-zinc-800"
              >
                {issue.severity === "error" ? (
                  <XCircle size={14} className="mt-0.5 shrink-0 text-red-500" />
                ) : (
                  <AlertTriangle size={14} className="mt-0.5 shrink-0 text-amber-500" />
                )}
                <span>
                  {issue.message}
                  {issue.nodeId && <code className="ml-1 text-[10px] text-zinc-500">{issue.nodeId}</code>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
