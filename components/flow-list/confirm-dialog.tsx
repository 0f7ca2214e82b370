"use client";

import type { ReactNode } from "react";

/** A small modal asking to confirm a destructive action. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onCancel}>
      <div
        role="alertdialog"
        aria-modal="true"
        data-testid="confirm-dialog"
        className="w-96 space-y-3 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="text-sm text-zinc-600 dark:text-zinc-300">{children}</div>
        <div className="flex justify-end gap-2">
          <button
            type="button"
            data-testid="confirm-cancel"
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            data-testid="confirm-ok"
            autoFocus
            className="rounded-md bg-red-700 px-3 py-1.5 text-sm text-white hover:bg-red-800"
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
