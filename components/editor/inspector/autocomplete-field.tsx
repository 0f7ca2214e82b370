"use client";

import { useId, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { complete, expressionContext, matching, templateContext, variableNamesFor, type CompletionContext } from "./variable-completion";

const MAX_SHOWN = 8;

interface Open {
  context: CompletionContext;
  options: string[];
  active: number;
}

/**
 * A text field (input, or textarea for templates) that offers the flow's variables as you type: after `{{` in a
 * template, at a name in a CEL expression. Arrow keys choose, Enter or Tab insert, Escape closes.
 */
export function AutocompleteField({
  nodeId,
  kind,
  multiline = false,
  value,
  onValue,
  ...attributes
}: {
  nodeId: string;
  kind: "template" | "expression";
  multiline?: boolean;
  value: string;
  onValue: (value: string) => void;
  className: string;
  placeholder?: string;
  "data-testid": string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  id?: string;
}) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const caretAfter = useRef<number | null>(null);
  const listId = useId();

  // After an insertion re-renders the field with its new text, put the caret after the inserted name.
  useLayoutEffect(() => {
    if (caretAfter.current === null || !field.current) return;
    field.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [value]);

  const refresh = (text: string, caret: number) => {
    const context = kind === "template" ? templateContext(text, caret) : expressionContext(text, caret);
    const options = context ? matching(variableNamesFor(nodeId, kind), context.prefix).slice(0, MAX_SHOWN) : [];
    setOpen(context && options.length > 0 ? { context, options, active: 0 } : null);
  };

  const insert = (name: string) => {
    const element = field.current;
    if (!element || !open) return;
    const caret = element.selectionStart ?? element.value.length;
    const next = complete(element.value, caret, open.context, name, kind);
    setOpen(null);
    // Typed into the field as the browser's own edit, so Ctrl+Z in the field undoes it like typing (setting the value
    // from script would empty the field's undo history); its input event reaches onChange. Where that is not
    // supported, the value is set instead.
    element.focus();
    element.setSelectionRange(open.context.start, caret);
    const inserted = next.text.slice(open.context.start, next.caret);
    if (document.execCommand("insertText", false, inserted)) return;
    caretAfter.current = next.caret;
    onValue(next.text);
  };

  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    onValue(event.target.value);
    refresh(event.target.value, event.target.selectionStart ?? event.target.value.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      setOpen({ ...open, active: (open.active + step + open.options.length) % open.options.length });
    } else if (event.key === "Enter" || event.key === "Tab") {
      insert(open.options[open.active] ?? "");
    } else if (event.key === "Escape") {
      setOpen(null);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const shared = {
    ...attributes,
    role: "combobox" as const,
    "aria-autocomplete": "list" as const,
    "aria-expanded": open !== null,
    "aria-controls": listId,
    "aria-activedescendant": open ? `${listId}-${open.active}` : undefined,
    value,
    onChange,
    onKeyDown,
    onBlur: () => setOpen(null),
  };
  return (
    <div className="relative">
      {multiline ? <textarea ref={field} rows={4} {...shared} /> : <input ref={field} {...shared} />}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Variables"
          data-testid="variable-suggestions"
          className="absolute left-0 top-full z-30 mt-1 max-h-48 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 font-mono text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {open.options.map((name, index) => (
            <li
              key={name}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === open.active}
              data-testid="variable-suggestion"
              className={`cursor-pointer rounded px-2 py-0.5 ${index === open.active ? "bg-sky-100 dark:bg-sky-900" : ""}`}
              // Chosen before the field's blur closes the list.
              onPointerDown={(event) => {
                event.preventDefault();
                insert(name);
              }}
            >
              {name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
