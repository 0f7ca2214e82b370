"use client";

import { createContext, useContext } from "react";
import { flowApi } from "@/lib/client/flow-api";
import { shareLinkApi } from "@/lib/client/share-link-api";
import type { FlowGraph } from "@/lib/flow";

/**
 * Where the editor opens a flow from: by its id, as a member of its workspace, or by a share link's secret, as anyone
 * signed in. `key` is the flow's id or the secret: a plain string, so that props rebuilt by a server render name the same
 * source and do not reload the flow.
 */
export interface FlowSource {
  kind: "workspace" | "share-link";
  key: string;
}

/**
 * What the person who opened the flow may do: `edit` (an owner or editor), `view` (a viewer of its workspace: the
 * member tools that only read, such as History and Export, stay), or `shared` (by a share link: the canvas only).
 */
export type EditorAccess = "edit" | "view" | "shared";

/** The flow as the editor loads it, and what its person may do with it. */
export interface OpenedFlow {
  flow: { id: string; name: string; graph: FlowGraph; revision: number };
  access: EditorAccess;
}

/** Fetches the flow a source names (docs/api.md): GET /api/flows/{id}, or GET /api/shared/{secret}. */
export async function openFlow(kind: FlowSource["kind"], key: string): Promise<OpenedFlow> {
  if (kind === "share-link") return { flow: (await shareLinkApi.open(key)).flow, access: "shared" };
  const { flow, role } = await flowApi.get(key);
  return { flow, access: role === "viewer" ? "view" : "edit" };
}

/** The editor's EditorAccess, for the parts that differ between them (the toolbar's tools and badge). */
export const EditorAccessContext = createContext<EditorAccess>("edit");

export function useEditorAccess(): EditorAccess {
  return useContext(EditorAccessContext);
}
