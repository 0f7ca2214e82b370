"use client";

import { AlertTriangle, Check, CloudOff, Loader2, Pencil } from "lucide-react";
import { useSaveStore, type SaveStatus } from "./save-store";

const labels: Record<SaveStatus, string> = {
  saved: "Saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline",
  conflict: "Conflict",
  invalid: "Not saved",
  error: "Save failed",
};

/** The autosave state, always visible in the toolbar. */
export function SaveStatusBadge() {
  const status = useSaveStore((state) => state.status);
  const message = useSaveStore((state) => state.message);
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
