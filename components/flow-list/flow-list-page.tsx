"use client";

import { Loader2, Plus, Search, Upload, Users, Workflow } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { signInPath } from "@/lib/auth/next-path";
import { ApiError } from "@/lib/client/api-error";
import type { FlowSummary, WorkspaceSummary } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import type { FlowIssue } from "@/lib/flow";
import { ConfirmDialog } from "./confirm-dialog";
import { flowOrderLabels, visibleFlows, type FlowOrder } from "./flow-order";
import { FlowRow } from "./flow-row";
import { ImportProblems } from "./import-problems";
import { InvitationsBanner } from "./invitations-banner";
import { MembersDialog } from "./members-dialog";
import { NewFlowDialog } from "./new-flow-dialog";
import { NewWorkspaceDialog } from "./new-workspace-dialog";

type ListState =
  { kind: "loading" } | { kind: "failed"; message: string } | { kind: "ready"; flows: FlowSummary[]; workspaces: WorkspaceSummary[] };

/** Which workspace's flows the list shows: every one, or one. */
type Scope = "all" | string;
type ImportProblem = { fileName: string; message: string; issues: FlowIssue[] };

const primary =
  "flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800";
const secondary =
  "flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The flows of one workspace, or of all. */
function inScope(flows: FlowSummary[], scope: Scope): FlowSummary[] {
  return scope === "all" ? flows : flows.filter((flow) => flow.workspaceId === scope);
}

/** Home: every flow (searchable, newest edit first or another order), with create, import and per-flow actions. */
export function FlowListPage({
  user,
  initialWorkspaceId,
}: {
  user: { id: string; name: string; email: string };
  initialWorkspaceId?: string;
}) {
  const router = useRouter();
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const [importProblem, setImportProblem] = useState<ImportProblem | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [order, setOrder] = useState<FlowOrder>("edited");
  const [scope, setScope] = useState<Scope>(initialWorkspaceId ?? "all");
  const [showingMembers, setShowingMembers] = useState(false);
  const [creatingWorkspace, setCreatingWorkspace] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [flows, workspaces] = await Promise.all([flowApi.list(), flowApi.workspaces()]);
      setList({ kind: "ready", flows, workspaces });
    } catch (error) {
      // Signed out meanwhile (in another tab, or the session expired): nothing here to lose, so sign in again.
      if (error instanceof ApiError && error.status === 401) return window.location.assign(signInPath("/"));
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

  /** The rows to show: the list's workspace, searched and ordered. */
  const shown = list.kind === "ready" ? visibleFlows(inScope(list.flows, scope), query, order) : [];
  const scopedWorkspace = list.kind === "ready" ? list.workspaces.find((workspace) => workspace.id === scope) : undefined;
  // Search, workspaces and order once there is something to choose between; before that, the first-flow welcome.
  const hasToolbar = list.kind === "ready" && (list.flows.length > 0 || list.workspaces.length > 1);

  return (
    <div className="mx-auto w-full max-w-4xl px-6 py-10">
      <header className="mb-6 flex items-center gap-3">
        <Workflow className="text-sky-600" size={28} />
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Switchboard</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Design voice and chat bots on a canvas, then test them right here.</p>
        </div>
        <span className="ml-auto" />
        <button type="button" className={secondary} data-testid="new-workspace" onClick={() => setCreatingWorkspace(true)}>
          <Users size={15} /> New workspace
        </button>
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
        <AccountMenu user={user} />
      </header>

      <div className="space-y-3">
        <InvitationsBanner
          onJoined={async (workspaceId) => {
            await refresh();
            setScope(workspaceId);
          }}
        />
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
        {list.kind === "ready" && !hasToolbar && (
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
        {list.kind === "ready" && hasToolbar && (
          <div className="flex items-center gap-2">
            <label className="relative flex-1">
              <span className="sr-only">Search flows by name</span>
              <Search size={15} className="pointer-events-none absolute left-2.5 top-1/2 -translate-y-1/2 text-zinc-500" aria-hidden />
              <input
                type="search"
                data-testid="flow-search"
                placeholder="Search flows"
                className="w-full rounded-md border border-zinc-300 bg-white py-1.5 pl-8 pr-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </label>
            {list.workspaces.length > 1 && (
              <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                Workspace
                <select
                  data-testid="workspace-filter"
                  className="max-w-48 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
                  value={scope}
                  onChange={(event) => setScope(event.target.value)}
                >
                  <option value="all">All</option>
                  {list.workspaces.map((workspace) => (
                    <option key={workspace.id} value={workspace.id}>
                      {workspace.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {scopedWorkspace && !scopedWorkspace.personal && (
              <button type="button" className={secondary} data-testid="workspace-members" onClick={() => setShowingMembers(true)}>
                <Users size={15} /> People
              </button>
            )}
            <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
              Sort by
              <select
                data-testid="flow-sort"
                className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
                value={order}
                onChange={(event) => setOrder(event.target.value as FlowOrder)}
              >
                {Object.entries(flowOrderLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {list.kind === "ready" && hasToolbar && shown.length === 0 && (
          <p data-testid="flows-none-found" className="py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
            {query === "" ? "This workspace has no flows yet." : <>No flow is named like “{query}”.</>}
          </p>
        )}
        {list.kind === "ready" && shown.length > 0 && (
          <ul
            data-testid="flow-list"
            className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          >
            {shown.map((flow) => (
              <FlowRow
                key={flow.id}
                flow={flow}
                workspace={list.workspaces.find((workspace) => workspace.id === flow.workspaceId)}
                showWorkspace={list.workspaces.length > 1}
                moveTargets={list.workspaces.filter((workspace) => workspace.id !== flow.workspaceId && workspace.role !== "viewer")}
                onMove={(workspaceId) => guard(() => flowApi.move(flow.id, workspaceId))}
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
          workspaces={list.kind === "ready" ? list.workspaces.filter((workspace) => workspace.role !== "viewer") : []}
          initialWorkspaceId={scope === "all" ? undefined : scope}
          onCancel={() => setCreating(false)}
          onCreate={async (name, templateId, workspaceId) => {
            const where = workspaceId === undefined ? {} : { workspaceId };
            const flow = await flowApi.create(templateId === null ? { name, ...where } : { name, templateId, ...where });
            router.push(`/flows/${flow.id}`);
          }}
        />
      )}
      {creatingWorkspace && (
        <NewWorkspaceDialog
          onCancel={() => setCreatingWorkspace(false)}
          onCreate={async (name) => {
            const workspace = await flowApi.createWorkspace(name);
            setCreatingWorkspace(false);
            await refresh();
            setScope(workspace.id);
          }}
        />
      )}
      {showingMembers && scopedWorkspace && (
        <MembersDialog
          workspace={scopedWorkspace}
          me={user}
          onClose={() => {
            setShowingMembers(false);
            void refresh();
          }}
          onLeft={() => {
            setShowingMembers(false);
            setScope("all");
            void refresh();
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
