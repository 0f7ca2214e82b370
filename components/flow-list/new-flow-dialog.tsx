"use client";

import { FilePlus2, LayoutTemplate, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import type { TemplateSummary, WorkspaceSummary } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import { CreateDialogActions } from "./create-dialog-actions";

/** Name a new flow, choose where it goes (when there is a choice), and start it blank or from a template. */
export function NewFlowDialog({
  workspaces,
  initialWorkspaceId,
  onCreate,
  onCancel,
}: {
  /** The workspaces the caller may add flows to; a choice appears when there are several. */
  workspaces: WorkspaceSummary[];
  initialWorkspaceId: string | undefined;
  onCreate: (name: string, templateId: string | null, workspaceId: string | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const [workspaceId, setWorkspaceId] = useState<string | undefined>(
    workspaces.some((workspace) => workspace.id === initialWorkspaceId) ? initialWorkspaceId : workspaces.find((w) => w.personal)?.id,
  );
  const [name, setName] = useState("Untitled flow");
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [templatesProblem, setTemplatesProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    flowApi
      .templates()
      .then(setTemplates)
      .catch((error: unknown) => setTemplatesProblem(error instanceof Error ? error.message : String(error)));
  }, []);

  const choice = (id: string | null, title: string, description: string, icon: React.ReactNode) => (
    <button
      key={id ?? "blank"}
      type="button"
      data-testid={id === null ? "template-blank" : `template-${id}`}
      aria-pressed={templateId === id}
      onClick={() => setTemplateId(id)}
      className={`flex w-full items-start gap-2 rounded-md border p-2 text-left text-sm ${
        templateId === id ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-zinc-200 hover:border-zinc-400 dark:border-zinc-700"
      }`}
    >
      {icon}
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-xs text-zinc-500">{description}</span>
      </span>
    </button>
  );

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onCancel}>
      <form
        role="dialog"
        aria-modal="true"
        data-testid="new-flow-dialog"
        className="w-[28rem] space-y-3 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(event) => event.stopPropagation()}
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setProblem(null);
          try {
            await onCreate(name.trim() || "Untitled flow", templateId, workspaceId);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
            setBusy(false);
          }
        }}
      >
        <h2 className="text-base font-semibold">New flow</h2>
        <label className="block">
          <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">Name</span>
          <input
            data-testid="new-flow-name"
            autoFocus
            className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {workspaces.length > 1 && (
          <label className="block">
            <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">Workspace</span>
            <select
              data-testid="new-flow-workspace"
              className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              value={workspaceId ?? ""}
              onChange={(event) => setWorkspaceId(event.target.value)}
            >
              {workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="space-y-2">
          {choice(null, "Blank", "An empty canvas", <FilePlus2 size={16} className="mt-0.5 shrink-0" />)}
          {templates === null && !templatesProblem && (
            <p className="flex items-center gap-2 text-xs text-zinc-500">
              <Loader2 size={12} className="animate-spin" /> Loading templates…
            </p>
          )}
          {templatesProblem && <p className="text-xs text-amber-700 dark:text-amber-400">Templates are unavailable: {templatesProblem}</p>}
          {templates?.map((template) =>
            choice(template.id, template.name, template.description, <LayoutTemplate size={16} className="mt-0.5 shrink-0" />),
          )}
        </div>
        {problem && <p className="text-sm text-red-700 dark:text-red-400">{problem}</p>}
        <CreateDialogActions busy={busy} onCancel={onCancel} createTestId="create-flow" />
      </form>
    </div>
  );
}
