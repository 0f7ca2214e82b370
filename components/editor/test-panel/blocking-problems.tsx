"use client";

import { XCircle } from "lucide-react";
import { FIRST_STEP_CODE } from "../issues-panel";
import { useUiStore } from "../ui-store";

/**
 * The errors that keep the flow from running, listed where the refused test is (the Problems list may be folded
 * away while testing); each one reveals its node.
 */
export function BlockingProblems({ onFocusNode }: { onFocusNode: (nodeId: string) => void }) {
  const issues = useUiStore((state) => state.issues);
  const names = useUiStore((state) => state.nodeNames);
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length === 0) return null;
  return (
    <ul data-testid="blocking-problems" aria-label="What stops the flow from running" className="space-y-1">
      {errors.map((issue, index) => {
        const text = (
          <>
            <XCircle size={14} className="mt-0.5 shrink-0 text-red-700 dark:text-red-400" aria-hidden />
            <span>
              {issue.nodeId !== undefined && <span className="block font-medium">{names[issue.nodeId] ?? "A node"}</span>}
              {issue.message}
            </span>
          </>
        );
        return (
          <li key={`${issue.pointer}-${issue.code}-${index}`}>
            {issue.nodeId === undefined || issue.code === FIRST_STEP_CODE ? (
              <div className="flex items-start gap-2 px-2 py-1 text-xs">{text}</div>
            ) : (
              <button
                type="button"
                className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                onClick={() => issue.nodeId !== undefined && onFocusNode(issue.nodeId)}
              >
                {text}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
