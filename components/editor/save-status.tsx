"use client";

import { AlertTriangle, Check, CloudOff, Loader2, Pencil } from "lucide-react";
import { useSaveStore, type SaveState, type SaveStatus } from "./save-store";
import { useScheduledSelector } from "./use-scheduled-selector";

const labels: Record<SaveStatus, string> = {
  saved: "Saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline",
  conflict: "Conflict",
  invalid: "Not saved",
  error: "Save failed",
};

const selectStatus = (state: SaveState) => state.status;
const selectMessage = (state: SaveState) => state.message;

/** The autosave state, always visible in the toolbar. */
export function SaveStatusBadge() {
  // A drag's first move makes the draft dirty: that re-render must not be synchronous (use-scheduled-selector.ts).
  const status = useScheduledSelector(useSaveStore, selectStatus);
  const message = useScheduledSelector(useSaveStore, selectMessage);
  const tone =
    status === "saved"
      ? "text-emerald-700 dark:text-emerald-400"
      : status === "conflict" || status === "invalid" || status === "error"
        ? "text-red-600 dark:text-red-400"
        : status === "offline"
          ? "text-amber-600"
          : "text-zinc-500";
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
      data-testid="save-status"
      data-status={status}
      title={message ?? undefined}
      className={`flex items-center gap-1 whitespace-nowrap text-xs ${tone}`}
    >
      <Icon size={14} className={status === "saving" ? "animate-spin" : undefined} />
      {labels[status]}
    </span>
  );
}
