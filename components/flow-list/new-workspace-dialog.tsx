"use client";

import { useState } from "react";
import { CreateDialogActions } from "./create-dialog-actions";

/** Name a team workspace: a place for flows that several people work on (members and roles come with accounts). */
export function NewWorkspaceDialog({ onCreate, onCancel }: { onCreate: (name: string) => Promise<void>; onCancel: () => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onCancel}>
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-workspace-title"
        data-testid="new-workspace-dialog"
        className="w-[24rem] space-y-3 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        onSubmit={async (event) => {
          event.preventDefault();
          if (name.trim() === "") {
            setProblem("Give the workspace a name");
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await onCreate(name.trim());
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
            setBusy(false);
          }
        }}
      >
        <h2 id="new-workspace-title" className="text-base font-semibold">
          New team workspace
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Keep a team&apos;s flows together. You will be its owner.</p>
        <label className="block">
          <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">Name</span>
          <input
            data-testid="new-workspace-name"
            autoFocus
            placeholder="Support team"
            className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <CreateDialogActions busy={busy} onCancel={onCancel} createTestId="create-workspace" />
      </form>
    </div>
  );
}
