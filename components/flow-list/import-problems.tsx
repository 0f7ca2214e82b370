"use client";

import { X } from "lucide-react";
import type { FlowIssue } from "@/lib/flow";

/** Why an imported file was refused, issue by issue, with the node or edge each one is about. */
export function ImportProblems({
  fileName,
  message,
  issues,
  onDismiss,
}: {
  fileName: string;
  message: string;
  issues: readonly FlowIssue[];
  onDismiss: () => void;
}) {
  return (
    <div
      data-testid="import-error"
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950"
    >
      <div className="flex items-start gap-2">
        <p className="font-medium text-red-800 dark:text-red-200">
          Could not import {fileName}: {message}
        </p>
        <button type="button" className="ml-auto text-red-700" title="Dismiss" onClick={onDismiss}>
          <X size={14} />
        </button>
      </div>
      {issues.length > 0 && (
        <ul className="mt-2 space-y-1">
          {issues.map((issue, index) => (
            <li key={index} data-testid="import-issue" data-node-id={issue.nodeId ?? ""} className="text-xs text-red-700 dark:text-red-300">
              {issue.nodeId && <span className="mr-1 rounded bg-red-100 px-1 font-mono dark:bg-red-900">node {issue.nodeId}</span>}
              {issue.edgeId && <span className="mr-1 rounded bg-red-100 px-1 font-mono dark:bg-red-900">edge {issue.edgeId}</span>}
              {issue.message} <code className="text-[10px] text-red-700 dark:text-red-300">{issue.pointer}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
