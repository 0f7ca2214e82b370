"use client";

import { inputClass } from "./field-controls";
import type { PickerGroup, PickerOption } from "./voice-options";

/**
 * A dropdown whose first choice is "use the default" (stored as nothing) and names what that default is, in words.
 * While the choices load, only the default and the stored value are offered, so nothing stored is lost.
 */
export function Picker({
  testId,
  value,
  defaultLabel,
  groups,
  options,
  onChange,
  invalid,
  label,
}: {
  testId: string;
  value: string | undefined;
  defaultLabel: string;
  groups?: readonly PickerGroup[];
  options?: readonly PickerOption[];
  onChange: (value: string | undefined) => void;
  invalid?: boolean;
  /** The accessible name, when the picker is not inside a `<label>`. */
  label?: string;
}) {
  const chosen = [...(options ?? []), ...(groups ?? []).flatMap((group) => group.options)].find((option) => option.value === value);
  const listed = chosen !== undefined;
  return (
    <select
      data-testid={testId}
      className={inputClass}
      aria-invalid={invalid}
      aria-label={label}
      // A narrow panel may cut the chosen name short; hovering shows it whole.
      title={value === undefined ? defaultLabel : (chosen?.label ?? value)}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
    >
      <option value="">{defaultLabel}</option>
      {value !== undefined && !listed && <option value={value}>{value}</option>}
      {options?.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
      {groups?.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** A warning under a picker, in the amber of the field warnings. */
export function PickerWarning({ message, testId }: { message: string | null; testId: string }) {
  if (message === null) return null;
  return (
    <span data-testid={testId} data-severity="warning" className="mt-1 block text-xs text-amber-800 dark:text-amber-300">
      <span className="sr-only">Warning: </span>
      {message}
    </span>
  );
}
