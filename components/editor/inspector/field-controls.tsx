"use client";

import { useState, type ReactNode } from "react";
import type { FlowIssue } from "@/lib/flow";

export const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 shadow-sm outline-none focus:border-sky-500 focus:ring-1 focus:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 aria-[invalid=true]:border-red-500";

/** Inline problems under a field: errors in red, warnings in amber. */
export function FieldErrors({ issues, testId }: { issues: readonly FlowIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul data-testid={testId} className="mt-1 space-y-0.5 text-xs">
      {issues.map((issue, index) => (
        <li
          key={index}
          data-severity={issue.severity}
          className={issue.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-800 dark:text-amber-300"}
        >
          {issue.severity === "warning" && <span className="sr-only">Warning: </span>}
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** A labelled field with its help and errors. */
export function Field({
  label,
  help,
  errors,
  name,
  children,
}: {
  label: string;
  help?: string;
  errors: readonly FlowIssue[];
  name: string;
  children: ReactNode;
}) {
  return (
    <label className="block">
      {label && <span className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">{label}</span>}
      {children}
      {help && <span className="mt-1 block text-[11px] text-zinc-600 dark:text-zinc-400">{help}</span>}
      <FieldErrors issues={errors} testId={`field-error-${name}`} />
    </label>
  );
}

/**
 * A number input that keeps what is typed while it is not a number yet, and commits only numbers. An optional number
 * left empty is unset: it shows empty with the value that then applies as its placeholder, and emptying the box
 * commits `undefined`. The draft resets when the stored value changes from elsewhere (undo).
 */
export function NumberInput({
  value,
  onCommit,
  testId,
  invalid,
  optional = false,
  placeholder,
}: {
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  testId: string;
  invalid: boolean;
  optional?: boolean;
  placeholder?: string;
}) {
  const shownOf = (stored: number | undefined) => (stored === undefined ? "" : String(stored));
  const [draft, setDraft] = useState({ text: shownOf(value), value });
  const text = draft.value === value ? draft.text : shownOf(value);
  const parsed = Number(text);
  const empty = text.trim() === "";
  const notANumber = empty ? !optional : !Number.isFinite(parsed);
  return (
    <>
      <input
        data-testid={testId}
        type="number"
        className={inputClass}
        aria-invalid={invalid || notANumber}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          const number = Number(next);
          if (next.trim() === "" && optional) {
            setDraft({ text: next, value: undefined });
            onCommit(undefined);
          } else if (next.trim() !== "" && Number.isFinite(number)) {
            setDraft({ text: next, value: number });
            onCommit(number);
          } else {
            setDraft({ text: next, value });
          }
        }}
      />
      {notANumber && <span className="mt-1 block text-xs text-red-700 dark:text-red-400">Enter a number</span>}
    </>
  );
}

/** An on/off switch as a checkbox; off is stored as nothing (`onCommit(undefined)`). */
export function ToggleInput({
  value,
  onCommit,
  testId,
  label,
}: {
  value: boolean;
  onCommit: (value: true | undefined) => void;
  testId: string;
  label: string;
}) {
  return (
    <span className="flex items-center gap-2 text-sm text-zinc-900 dark:text-zinc-100">
      <input
        data-testid={testId}
        type="checkbox"
        className="h-4 w-4 rounded border-zinc-300 accent-sky-600"
        checked={value}
        onChange={(event) => onCommit(event.target.checked ? true : undefined)}
      />
      {label}
    </span>
  );
}

/**
 * A text input for a list (phrases): commas or new lines separate items. Keeps the typed text (e.g. a
 * trailing comma) while it means the same list as the stored one.
 */
export function ListInput({
  value,
  onCommit,
  testId,
  invalid,
  placeholder,
  label,
}: {
  value: readonly string[];
  onCommit: (value: string[]) => void;
  testId: string;
  invalid: boolean;
  placeholder?: string;
  /** The accessible name of the box (it has no visible label of its own). */
  label: string;
}) {
  const [text, setText] = useState(value.join(", "));
  const shown = sameList(parseList(text), value) ? text : value.join(", ");
  return (
    <textarea
      data-testid={testId}
      rows={2}
      className={inputClass}
      aria-label={label}
      aria-invalid={invalid}
      placeholder={placeholder}
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        onCommit(parseList(event.target.value));
      }}
    />
  );
}

/** Splits "a, b\nc" into ["a", "b", "c"], dropping empty items. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function sameList(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
