"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSaveStore } from "./save-store";

/** Someone saved a newer revision: load theirs, or keep ours as a new flow. Nothing is lost either way. */
export function ConflictDialog() {
  // Only whether there is a conflict: a subscription to the status re-rendered this synchronously when a drag's
  // first move made the draft dirty, which took the canvas's render of that move into the frame.
  const open = useSaveStore((state) => state.status === "conflict");
  const conflict = useSaveStore((state) => state.conflict);
  const kind = useSaveStore((state) => state.conflictKind);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        data-testid="conflict-dialog"
        data-kind={kind ?? ""}
        className="w-[28rem] space-y-3 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
      >
        {kind === "undo_past_theirs" ? (
          <>
            <h2 id="conflict-title" className="text-base font-semibold">
              Undo brought back your version
            </h2>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              This is the version you had before you loaded someone else&apos;s changes. Saving it here would replace their work, so it is
              not saved. Keep yours as a separate copy, or load theirs again.
            </p>
          </>
        ) : (
          <>
            <h2 id="conflict-title" className="text-base font-semibold">
              Someone else saved this flow
            </h2>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              A newer revision{conflict ? ` (${conflict.revision})` : ""} was saved elsewhere while you were editing. Load theirs, or keep
              yours as a separate copy. After loading theirs, undo still shows your version, and asks again before anything is saved.
            </p>
          </>
        )}
        {problem && <p className="text-sm text-red-700 dark:text-red-400">{problem}</p>}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            data-testid="conflict-keep-mine"
            disabled={busy}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
            onClick={async () => {
              setBusy(true);
              try {
                const id = await useSaveStore.getState().keepMineAsCopy();
                router.push(`/flows/${id}`);
              } catch (error) {
                setProblem(error instanceof Error ? error.message : String(error));
                setBusy(false);
              }
            }}
          >
            Keep mine as a copy
          </button>
          <button
            type="button"
            data-testid="conflict-load-theirs"
            disabled={busy}
            className="rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
            onClick={async () => {
              setBusy(true);
              try {
                await useSaveStore.getState().loadTheirs();
              } catch (error) {
                setProblem(error instanceof Error ? error.message : String(error));
              }
              setBusy(false);
            }}
          >
            Load theirs
          </button>
        </div>
      </div>
    </div>
  );
}
