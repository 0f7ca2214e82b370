/** The Cancel and Create buttons of a dialog that makes something (a flow, a workspace); Create submits its form. */
export function CreateDialogActions({ busy, onCancel, createTestId }: { busy: boolean; onCancel: () => void; createTestId: string }) {
  return (
    <div className="flex justify-end gap-2">
      <button
        type="button"
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
        onClick={onCancel}
      >
        Cancel
      </button>
      <button
        type="submit"
        data-testid={createTestId}
        disabled={busy}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
      >
        {busy ? "Creating…" : "Create"}
      </button>
    </div>
  );
}
