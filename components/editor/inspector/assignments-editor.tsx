"use client";

import { Plus, Trash2 } from "lucide-react";
import type { FlowIssue } from "@/lib/flow";
import type { Assignment, SetData } from "@/lib/flow/nodes";
import { useDocumentStore } from "../document-store";
import { AutocompleteField } from "./autocomplete-field";
import { FieldErrors, inputClass } from "./field-controls";
import { issuesAt } from "./field-issues";

/** Edits a Set node's assignments: variable name, and a value from an expression or the last utterance. */
export function AssignmentsEditor({ nodeId, data, issues }: { nodeId: string; data: SetData; issues: readonly FlowIssue[] }) {
  const updateNodeData = useDocumentStore((state) => state.updateNodeData);
  const write = (assignments: Assignment[], coalesceKey?: string) => updateNodeData(nodeId, "set", { ...data, assignments }, coalesceKey);
  const change = (index: number, assignment: Assignment, field: string) =>
    write(
      data.assignments.map((current, at) => (at === index ? assignment : current)),
      `assignments/${index}/${field}`,
    );

  return (
    <div className="space-y-3">
      {data.assignments.map((assignment, index) => (
        <div
          key={index}
          role="group"
          aria-label={`Assignment ${index + 1}`}
          data-testid={`assignment-${index}`}
          className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700"
        >
          <div className="flex items-center gap-2">
            <input
              className={`${inputClass} font-mono`}
              placeholder="variable"
              aria-label={`Assignment ${index + 1}: variable name`}
              data-testid={`assignment-variable-${index}`}
              value={assignment.variable}
              onChange={(event) => change(index, { ...assignment, variable: event.target.value }, "variable")}
            />
            <button
              type="button"
              title="Remove assignment"
              aria-label={`Remove assignment ${index + 1}`}
              data-testid={`assignment-remove-${index}`}
              className="rounded p-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
              onClick={() => write(data.assignments.filter((_, at) => at !== index))}
            >
              <Trash2 size={14} aria-hidden />
            </button>
          </div>
          <select
            className={inputClass}
            aria-label={`Assignment ${index + 1}: value from`}
            data-testid={`assignment-source-${index}`}
            value={assignment.source.type}
            onChange={(event) =>
              write(
                data.assignments.map((current, at) =>
                  at === index
                    ? {
                        ...assignment,
                        source: event.target.value === "utterance" ? { type: "utterance" } : { type: "expression", expression: "" },
                      }
                    : current,
                ),
              )
            }
          >
            <option value="utterance">= what the caller said</option>
            <option value="expression">= expression (CEL)</option>
          </select>
          {assignment.source.type === "expression" && (
            <AutocompleteField
              nodeId={nodeId}
              kind="expression"
              className={`${inputClass} font-mono`}
              placeholder='"tomorrow at 10 am"'
              aria-label={`Assignment ${index + 1}: expression`}
              data-testid={`assignment-expression-${index}`}
              value={assignment.source.expression}
              onValue={(expression) => change(index, { ...assignment, source: { type: "expression", expression } }, "expression")}
            />
          )}
          <FieldErrors issues={issuesAt(issues, `/assignments/${index}`)} testId={`assignment-errors-${index}`} />
        </div>
      ))}
      <button
        type="button"
        data-testid="add-assignment"
        className="flex items-center gap-1 rounded-md border border-dashed border-zinc-300 px-2 py-1 text-xs text-zinc-600 hover:border-zinc-500 dark:border-zinc-600 dark:text-zinc-300"
        onClick={() => write([...data.assignments, { variable: `value${data.assignments.length + 1}`, source: { type: "utterance" } }])}
      >
        <Plus size={14} aria-hidden /> Add assignment
      </button>
    </div>
  );
}
