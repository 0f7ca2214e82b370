"use client";

import { Copy, Download, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { FlowSummary, WorkspaceSummary } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import { relativeTime } from "./relative-time";

const action =
  "rounded p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-40 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/**
 * One flow: open, rename in place, duplicate, export, delete, move to another workspace. In a workspace where the
 * caller is a viewer it is read-only: open and export only.
 */
export function FlowRow({
  flow,
  workspace,
  showWorkspace,
  moveTargets,
  onRename,
  onDuplicate,
  onDelete,
  onMove,
}: {
  flow: FlowSummary;
  /** The flow's workspace, as the caller sees it (their role). */
  workspace: WorkspaceSummary | undefined;
  /** Whether to name the workspace: only when the caller has more than one. */
  showWorkspace: boolean;
  /** Where the caller could move it (workspaces they may edit, other than its own). */
  moveTargets: WorkspaceSummary[];
  onRename: (name: string) => Promise<void>;
  onDuplicate: () => Promise<void>;
  onDelete: () => void;
  onMove: (workspaceId: string) => Promise<void>;
}) {
  const readOnly = workspace?.role === "viewer";
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(flow.name);
  const [busy, setBusy] = useState(false);

  const commit = async () => {
    const next = name.trim();
    setEditing(false);
    if (next === "" || next === flow.name) {
      setName(flow.name);
      return;
    }
    setBusy(true);
    try {
      await onRename(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li data-testid="flow-row" data-flow-id={flow.id} className="flex items-center gap-3 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-900">
      <div className="min-w-0 flex-1">
        {editing ? (
          <input
            data-testid="rename-input"
            aria-label="New name"
            autoFocus
            className="w-full rounded-md border border-sky-500 bg-white px-2 py-1 text-sm dark:bg-zinc-950"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => void commit()}
            onKeyDown={(event) => {
              if (event.key === "Enter") void commit();
              if (event.key === "Escape") {
                setName(flow.name);
                setEditing(false);
              }
            }}
          />
        ) : (
          <Link href={`/flows/${flow.id}`} data-testid="flow-link" className="block truncate text-sm font-medium hover:text-sky-600">
            {flow.name}
          </Link>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {flow.nodeCount} node{flow.nodeCount === 1 ? "" : "s"} ·{" "}
          <time data-testid="flow-updated" dateTime={flow.updatedAt} title={new Date(flow.updatedAt).toLocaleString()}>
            edited {relativeTime(flow.updatedAt)}
          </time>
          {showWorkspace && workspace && (
            <span data-testid="flow-workspace">
              {" "}
              · in {workspace.name}
              {readOnly ? " (view only)" : ""}
            </span>
          )}
        </p>
      </div>
      {!readOnly && moveTargets.length > 0 && (
        <select
          data-testid="move-flow"
          aria-label={`Move ${flow.name} to another workspace`}
          title="Move to another workspace"
          className="w-32 rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-300"
          value=""
          disabled={busy}
          onChange={async (event) => {
            const target = event.target.value;
            if (target === "") return;
            setBusy(true);
            try {
              await onMove(target);
            } finally {
              setBusy(false);
            }
          }}
        >
          <option value="">Move to…</option>
          {moveTargets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.name}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className={action}
        title="Rename"
        aria-label={`Rename ${flow.name}`}
        data-testid="rename-flow"
        disabled={busy || readOnly}
        onClick={() => setEditing(true)}
      >
        <Pencil size={15} />
      </button>
      <button
        type="button"
        className={action}
        title="Duplicate"
        aria-label={`Duplicate ${flow.name}`}
        data-testid="duplicate-flow"
        disabled={busy || readOnly}
        onClick={async () => {
          setBusy(true);
          try {
            await onDuplicate();
          } finally {
            setBusy(false);
          }
        }}
      >
        <Copy size={15} />
      </button>
      <a
        className={action}
        title="Export as a file"
        aria-label={`Export ${flow.name} as a file`}
        data-testid="export-flow"
        href={flowApi.exportUrl(flow.id)}
        download
      >
        <Download size={15} />
      </a>
      <button
        type="button"
        className={`${action} hover:text-red-600`}
        title="Delete"
        aria-label={`Delete ${flow.name}`}
        data-testid="delete-flow"
        disabled={readOnly}
        onClick={onDelete}
      >
        <Trash2 size={15} />
      </button>
    </li>
  );
}
