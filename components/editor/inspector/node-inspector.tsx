"use client";

import { memo, useMemo } from "react";
import { nodeKinds, type InspectorField } from "@/lib/flow";
import type { CanvasNode } from "../canvas-types";
import { useDocumentStore } from "../document-store";
import { useUiStore } from "../ui-store";
import { AssignmentsEditor } from "./assignments-editor";
import { AutocompleteField } from "./autocomplete-field";
import { ConditionsEditor } from "./conditions-editor";
import { Field, FieldErrors, inputClass, ListInput, NumberInput, ToggleInput } from "./field-controls";
import { dataPath, hasError, issuesAt, nodeLevelMessages } from "./field-issues";
import { ListenLanguagePicker, SayVoicePicker } from "./voice-fields";

/** Whether a top-level data field may be left out (empty text then removes it). */
function isOptional(node: CanvasNode, field: string): boolean {
  const shape: unknown = Reflect.get(nodeKinds[node.type].dataSchema, "shape");
  if (typeof shape !== "object" || shape === null) return false;
  const schema: unknown = Reflect.get(shape, field);
  if (typeof schema !== "object" || schema === null || !("safeParse" in schema) || typeof schema.safeParse !== "function") return false;
  const result: unknown = schema.safeParse(undefined);
  return typeof result === "object" && result !== null && Reflect.get(result, "success") === true;
}

function stringAt(node: CanvasNode, field: string): string {
  const value: unknown = Reflect.get(node.data, field);
  return typeof value === "string" ? value : "";
}

function numberAt(node: CanvasNode, field: string): number | undefined {
  const value: unknown = Reflect.get(node.data, field);
  return typeof value === "number" ? value : undefined;
}

function listAt(node: CanvasNode, field: string): string[] {
  const value: unknown = Reflect.get(node.data, field);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function optionalStringAt(node: CanvasNode, field: string): string | undefined {
  const value: unknown = Reflect.get(node.data, field);
  return typeof value === "string" ? value : undefined;
}

function FieldControl({ node, field }: { node: CanvasNode; field: InspectorField }) {
  const patchNodeData = useDocumentStore((state) => state.patchNodeData);
  const allIssues = useUiStore((state) => state.issues);
  const issues = useMemo(() => allIssues.filter((issue) => issue.nodeId === node.id), [allIssues, node.id]);
  const path = `/${field.field}`;
  const errors =
    field.control === "conditions" || field.control === "assignments"
      ? issues.filter((issue) => dataPath(issue) === path)
      : issuesAt(issues, path);
  const invalid = hasError(errors);
  const setText = (value: string) =>
    patchNodeData(node.id, { [field.field]: value === "" && isOptional(node, field.field) ? undefined : value }, field.field);
  const setValue = (value: unknown) => patchNodeData(node.id, { [field.field]: value }, field.field);

  let control: React.ReactNode;
  switch (field.control) {
    case "text":
      control = (
        <input
          data-testid={`field-${field.field}`}
          className={inputClass}
          aria-invalid={invalid}
          value={stringAt(node, field.field)}
          onChange={(event) => setText(event.target.value)}
        />
      );
      break;
    case "textarea":
      control = (
        <textarea
          data-testid={`field-${field.field}`}
          rows={4}
          className={inputClass}
          aria-invalid={invalid}
          value={stringAt(node, field.field)}
          onChange={(event) => setText(event.target.value)}
        />
      );
      break;
    case "template":
      control = (
        <AutocompleteField
          nodeId={node.id}
          kind="template"
          multiline
          data-testid={`field-${field.field}`}
          className={inputClass}
          aria-invalid={invalid}
          value={stringAt(node, field.field)}
          onValue={setText}
        />
      );
      break;
    case "number":
      control = (
        <NumberInput
          testId={`field-${field.field}`}
          invalid={invalid}
          optional={isOptional(node, field.field)}
          placeholder={field.placeholder}
          value={numberAt(node, field.field)}
          onCommit={setValue}
        />
      );
      break;
    case "phrases":
      control = (
        <ListInput
          testId={`field-${field.field}`}
          invalid={invalid}
          label={field.label}
          placeholder={field.placeholder}
          value={listAt(node, field.field)}
          onCommit={(phrases) => setValue(phrases.length === 0 ? undefined : phrases)}
        />
      );
      break;
    case "toggle":
      control = (
        <ToggleInput
          testId={`field-${field.field}`}
          label={field.label}
          value={Reflect.get(node.data, field.field) === true}
          onCommit={setValue}
        />
      );
      break;
    case "voice":
      control = (
        <SayVoicePicker testId={`field-${field.field}`} invalid={invalid} value={optionalStringAt(node, field.field)} onChange={setValue} />
      );
      break;
    case "language":
      control = (
        <ListenLanguagePicker
          testId={`field-${field.field}`}
          invalid={invalid}
          value={optionalStringAt(node, field.field)}
          onChange={setValue}
        />
      );
      break;
    case "conditions":
      control = node.type === "branch" ? <ConditionsEditor nodeId={node.id} data={node.data} issues={issues} /> : null;
      break;
    case "assignments":
      control = node.type === "set" ? <AssignmentsEditor nodeId={node.id} data={node.data} issues={issues} /> : null;
      break;
  }
  if (field.control === "conditions" || field.control === "assignments") {
    return (
      <div role="group" aria-label={field.label}>
        <span className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">{field.label}</span>
        {control}
        <FieldErrors issues={errors} testId={`field-error-${field.field}`} />
      </div>
    );
  }
  if (field.control === "toggle") {
    // The checkbox's own text is its label; a heading above it would say the same twice.
    return (
      <Field label="" help={field.help} errors={errors} name={field.field}>
        {control}
      </Field>
    );
  }
  return (
    <Field label={field.label} help={field.help} errors={errors} name={field.field}>
      {control}
    </Field>
  );
}

function NodeProblems({ nodeId }: { nodeId: string }) {
  const allIssues = useUiStore((state) => state.issues);
  const problems = useMemo(() => nodeLevelMessages(allIssues.filter((issue) => issue.nodeId === nodeId)), [allIssues, nodeId]);
  if (problems.length === 0) return null;
  return (
    <ul data-testid="inspector-node-issues" className="space-y-1">
      {problems.map((issue, index) => (
        <li
          key={index}
          className={`rounded px-2 py-1 text-xs ${issue.severity === "error" ? "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300" : "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-200"}`}
        >
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** Edits one node's data through the fields its kind describes. Re-renders only when the node's data changes. */
export const NodeInspector = memo(
  function NodeInspector({ node }: { node: CanvasNode }) {
    const kind = nodeKinds[node.type];
    return (
      <div data-testid="inspector" data-node-id={node.id} className="space-y-4">
        <div>
          <div className="flex items-center gap-2">
            <span className="h-3 w-3 rounded-full" style={{ backgroundColor: kind.color }} />
            <h2 className="text-sm font-semibold">{kind.label}</h2>
          </div>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{kind.description}</p>
        </div>
        <NodeProblems nodeId={node.id} />
        {kind.inspector.map((field) => (
          <FieldControl key={field.field} node={node} field={field} />
        ))}
      </div>
    );
  },
  (previous, next) => previous.node.id === next.node.id && previous.node.type === next.node.type && previous.node.data === next.node.data,
);
