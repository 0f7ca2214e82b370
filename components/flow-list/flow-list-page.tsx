"use client";

import { Loader2, Plus, Upload, Workflow } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api-error";
import type { FlowSummary } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import type { FlowIssue } from "@/lib/flow";
import { ConfirmDialog } from "./confirm-dialog";
import { FlowRow } from "./flow-row";
import { ImportProblems } from "./import-problems";
import { NewFlowDialog } from "./new-flow-dialog";

type ListState = { kind: "loading" } | { kind: "failed"; message: string } | { kind: "ready"; flows: FlowSummary[] };
type ImportProblem = { fileName: string; message: string; issues: FlowIssue[] };

const primary = "flex items-center gap-1.5 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700";
const secondary =
  "flex items-center gap-1.5 rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Home: every flow, newest edit first, with create, import and per-flow actions. */
export function FlowListPage() {
  const router = useRouter();
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const [importProblem, setImportProblem] = useState<ImportProblem | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setList({ kind: "ready", flows: await flowApi.list() });
    } catch (error) {
      setList({ kind: "failed", message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    // The list is fetched on mount and after each action; refresh sets state once the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  const guard = async (work: () => Promise<unknown>) => {
    setActionProblem(null);
    try {
      await work();
    } catch (error) {
      setActionProblem(messageOf(error));
    }
    await refresh();
  };

  const importFile = async (file: File) => {
    setImportProblem(null);
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setImportProblem({ fileName: file.name, message: "the file is not JSON", issues: [] });
      return;
    }
    try {
      const { flow } = await flowApi.import(document);
      router.push(`/flows/${flow.id}`);
    } catch (error) {
      setImportProblem({ fileName: file.name, message: messageOf(error), issues: error instanceof ApiError ? error.issues : [] });
    }
  };

  return (
    <div className="mx-auto w-full max-w-4xl px-6 py-10">
      <header className="mb-6 flex items-center gap-3">
        <Workflow className="text-sky-600" size={28} />
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Switchboard</h1>
          <p className="text-sm text-zinc-500">Design voice and chat bots on a canvas, then test them right here.</p>
        </div>
        <span className="ml-auto" />
        <button type="button" className={secondary} data-testid="import-flow" onClick={() => fileInput.current?.click()}>
          <Upload size={15} /> Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          className="hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void importFile(file);
          }}
        />
        <button type="button" className={primary} data-testid="new-flow" onClick={() => setCreating(true)}>
          <Plus size={15} /> New flow
        </button>
      </header>

      <div className="space-y-3">
        {importProblem && <ImportProblems {...importProblem} onDismiss={() => setImportProblem(null)} />}
        {actionProblem && (
          <p
            role="alert"
            data-testid="action-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {actionProblem}
          </p>
        )}

        {list.kind === "loading" && (
          <p data-testid="flows-loading" className="flex items-center gap-2 py-12 text-sm text-zinc-500">
            <Loader2 size={16} className="animate-spin" /> Loading flows…
          </p>
        )}
        {list.kind === "failed" && (
          <div data-testid="flows-error" className="rounded-lg border border-red-200 p-6 text-center text-sm dark:border-red-900">
            <p className="text-red-700 dark:text-red-300">Could not load your flows: {list.message}</p>
            <button type="button" className={`${secondary} mx-auto mt-3`} onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        )}
        {list.kind === "ready" && list.flows.length === 0 && (
          <div
            data-testid="flows-empty"
            className="rounded-lg border border-dashed border-zinc-300 px-6 py-16 text-center dark:border-zinc-700"
          >
            <Workflow className="mx-auto mb-3 text-zinc-400" size={36} />
            <h2 className="text-base font-semibold">No flows yet</h2>
            <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-500">
              A flow is a conversation drawn as boxes and arrows. Start from a blank canvas or a template, or import a file.
            </p>
            <button type="button" className={`${primary} mx-auto mt-4`} onClick={() => setCreating(true)}>
              <Plus size={15} /> Create your first flow
            </button>
          </div>
        )}
        {list.kind === "ready" && list.flows.length > 0 && (
          <ul
            data-testid="flow-list"
            className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          >
            {list.flows.map((flow) => (
              <FlowRow
                key={flow.id}
                flow={flow}
                onRename={(name) => guard(() => flowApi.update(flow.id, { revision: flow.revision, name }))}
                onDuplicate={() => guard(() => flowApi.duplicate(flow.id, `${flow.name} (copy)`))}
                onDelete={() => setDeleting(flow)}
              />
            ))}
          </ul>
        )}
      </div>

      {creating && (
        <NewFlowDialog
          onCancel={() => setCreating(false)}
          onCreate={async (name, templateId) => {
            const flow = await flowApi.create(templateId === null ? { name } : { name, templateId });
            router.push(`/flows/${flow.id}`);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this flow?"
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const flow = deleting;
            setDeleting(null);
            void guard(() => flowApi.remove(flow.id));
          }}
        >
          “{deleting.name}” and its draft will be deleted. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
