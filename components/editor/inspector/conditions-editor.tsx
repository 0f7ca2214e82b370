"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import type { FlowIssue } from "@/lib/flow";
import type { BranchCondition, BranchData, BranchMatch } from "@/lib/flow/nodes";
import { useDocumentStore } from "../document-store";
import { nextConditionId } from "../ids";
import { AutocompleteField } from "./autocomplete-field";
import { FieldErrors, inputClass, ListInput } from "./field-controls";
import { hasError, issuesAt } from "./field-issues";

const iconButton =
  "rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-30 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

function emptyMatch(type: BranchMatch["type"]): BranchMatch {
  switch (type) {
    case "phrases":
      return { type, phrases: [] };
    case "regex":
      return { type, pattern: "", flags: "i" };
    case "expression":
      return { type, expression: "" };
  }
}

/** Edits a branch's conditions: add, remove, reorder, and each one's match. */
export function ConditionsEditor({ nodeId, data, issues }: { nodeId: string; data: BranchData; issues: readonly FlowIssue[] }) {
  const updateNodeData = useDocumentStore((state) => state.updateNodeData);
  const write = (conditions: BranchCondition[], coalesceKey?: string) =>
    updateNodeData(nodeId, "branch", { ...data, conditions }, coalesceKey);
  const change = (index: number, condition: BranchCondition, field: string) =>
    write(
      data.conditions.map((current, at) => (at === index ? condition : current)),
      `conditions/${index}/${field}`,
    );
  const move = (index: number, by: -1 | 1) => {
    const conditions = [...data.conditions];
    const [item] = conditions.splice(index, 1);
    if (!item) return;
    conditions.splice(index + by, 0, item);
    write(conditions);
  };

  return (
    <div className="space-y-3">
      {data.conditions.map((condition, index) => {
        const base = `/conditions/${index}`;
        const { match } = condition;
        const name = `Condition ${index + 1}`;
        return (
          <div
            key={condition.id}
            role="group"
            aria-label={name}
            data-testid={`condition-${index}`}
            className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700"
          >
            <div className="flex items-center gap-1">
              <span className="text-xs font-medium text-zinc-700 dark:text-zinc-300" title={`Its output port is named “${condition.id}”`}>
                {name}
              </span>
              <span className="ml-auto" />
              <button
                type="button"
                className={iconButton}
                title="Move up"
                aria-label={`Move ${name} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                <ArrowUp size={14} aria-hidden />
              </button>
              <button
                type="button"
                className={iconButton}
                title="Move down"
                aria-label={`Move ${name} down`}
                data-testid={`condition-down-${index}`}
                disabled={index === data.conditions.length - 1}
                onClick={() => move(index, 1)}
              >
                <ArrowDown size={14} aria-hidden />
              </button>
              <button
                type="button"
                className={iconButton}
                title="Remove condition"
                aria-label={`Remove ${name}`}
                data-testid={`condition-remove-${index}`}
                onClick={() => write(data.conditions.filter((_, at) => at !== index))}
              >
                <Trash2 size={14} aria-hidden />
              </button>
            </div>
            <input
              className={inputClass}
              placeholder="Label (optional)"
              aria-label={`${name}: label`}
              data-testid={`condition-label-${index}`}
              value={condition.label ?? ""}
              onChange={(event) => {
                const { label: _label, ...rest } = condition;
                change(index, event.target.value === "" ? rest : { ...rest, label: event.target.value }, "label");
              }}
            />
            <select
              className={inputClass}
              aria-label={`${name}: how it matches`}
              data-testid={`condition-type-${index}`}
              value={match.type}
              onChange={(event) => {
                const type = event.target.value as BranchMatch["type"];
                write(data.conditions.map((current, at) => (at === index ? { ...condition, match: emptyMatch(type) } : current)));
              }}
            >
              <option value="phrases">Phrases (any of)</option>
              <option value="regex">Regular expression</option>
              <option value="expression">Expression (CEL)</option>
            </select>
            {match.type === "phrases" && (
              <ListInput
                testId={`condition-phrases-${index}`}
                value={match.phrases}
                placeholder="book, appointment"
                label={`${name}: phrases, separated by commas`}
                invalid={hasError(issuesAt(issues, `${base}/match`))}
                onCommit={(phrases) => change(index, { ...condition, match: { type: "phrases", phrases } }, "phrases")}
              />
            )}
            {match.type === "regex" && (
              <div className="flex gap-2">
                <input
                  className={`${inputClass} font-mono`}
                  placeholder="pattern"
                  aria-label={`${name}: regular expression`}
                  data-testid={`condition-pattern-${index}`}
                  value={match.pattern}
                  onChange={(event) => change(index, { ...condition, match: { ...match, pattern: event.target.value } }, "pattern")}
                />
                <input
                  className={`${inputClass} w-16 font-mono`}
                  placeholder="flags"
                  aria-label={`${name}: regular expression flags`}
                  data-testid={`condition-flags-${index}`}
                  value={match.flags ?? ""}
                  onChange={(event) => change(index, { ...condition, match: { ...match, flags: event.target.value } }, "flags")}
                />
              </div>
            )}
            {match.type === "expression" && (
              <AutocompleteField
                nodeId={nodeId}
                kind="expression"
                className={`${inputClass} font-mono`}
                placeholder='utterance.contains("yes")'
                aria-label={`${name}: expression`}
                data-testid={`condition-expression-${index}`}
                value={match.expression}
                onValue={(expression) => change(index, { ...condition, match: { ...match, expression } }, "expression")}
              />
            )}
            <FieldErrors issues={issuesAt(issues, base)} testId={`condition-errors-${index}`} />
          </div>
        );
      })}
      <button
        type="button"
        data-testid="add-condition"
        className="flex items-center gap-1 rounded-md border border-dashed border-zinc-300 px-2 py-1 text-xs text-zinc-600 hover:border-zinc-500 dark:border-zinc-600 dark:text-zinc-300"
        onClick={() =>
          write([
            ...data.conditions,
            { id: nextConditionId(data.conditions.map((condition) => condition.id)), match: { type: "phrases", phrases: [] } },
          ])
        }
      >
        <Plus size={14} aria-hidden /> Add condition
      </button>
    </div>
  );
}
