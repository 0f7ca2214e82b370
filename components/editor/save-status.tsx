"use client";

import { AlertTriangle, Check, CloudOff, Loader2, Pencil } from "lucide-react";
import { useSaveStore, type SaveState, type SaveStatus } from "./save-store";
import { useScheduledSelector } from "./use-scheduled-selector";

const labels: Record<SaveStatus, string> = {
  saved: "Saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline",
  conflict: "Not saved",
  invalid: "Not saved",
  error: "Save failed",
};

const selectStatus = (state: SaveState) => state.status;
const selectMessage = (state: SaveState) => state.message;

/**
 * The autosave state, always visible in the toolbar. Its box has one width whatever it says, so the toolbar does not
 * move when the status changes.
 */
export function SaveStatusBadge() {
  // A drag's first move makes the draft dirty: that re-render must not be synchronous (use-scheduled-selector.ts).
  const status = useScheduledSelector(useSaveStore, selectStatus);
  const tone =
    status === "saved"
      ? "text-emerald-700 dark:text-emerald-400"
      : status === "conflict" || status === "invalid" || status === "error"
        ? "text-red-700 dark:text-red-400"
        : status === "offline"
          ? "text-amber-700 dark:text-amber-400"
          : "text-zinc-600 dark:text-zinc-400";
  const Icon =
    status === "saved"
      ? Check
      : status === "saving"
        ? Loader2
        : status === "offline"
          ? CloudOff
          : status === "dirty"
            ? Pencil
            : AlertTriangle;
  return (
    <span
      role="status"
      data-testid="save-status"
      data-status={status}
      className={`flex w-32 shrink-0 items-center gap-1 whitespace-nowrap text-xs ${tone}`}
    >
      <Icon size={14} className={status === "saving" ? "animate-spin" : undefined} aria-hidden />
      {labels[status]}
    </span>
  );
}

/** Why the draft is not saved, in words, under the toolbar (it was only in the badge's tooltip). */
export function SaveProblem() {
  const status = useScheduledSelector(useSaveStore, selectStatus);
  const message = useScheduledSelector(useSaveStore, selectMessage);
  if ((status !== "offline" && status !== "invalid" && status !== "error") || !message) return null;
  const text = status === "offline" ? message : `Your latest changes are not saved: ${message}`;
  return (
    <p
      role="alert"
      data-testid="save-problem"
      className={`border-b px-3 py-1 text-xs ${status === "offline" ? "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100" : "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"}`}
    >
      {text}
    </p>
  );
}
