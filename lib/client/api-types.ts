import type { FlowGraph, FlowIssue } from "@/lib/flow";

/** One row of the flow list (`GET /api/flows`). */
export interface FlowSummary {
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  nodeCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored flow with its draft graph (docs/api.md). */
export interface FlowRecord {
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  graph: FlowGraph;
  createdAt: string;
  updatedAt: string;
}

/** A workspace the caller belongs to (`GET /api/workspaces`), with their role in it. */
export interface WorkspaceSummary {
  id: string;
  name: string;
  personal: boolean;
  role: "owner" | "editor" | "viewer";
  memberCount: number;
  createdAt: string;
}

/** One line of a flow's history (`GET /api/flows/{id}/history`). */
export interface FlowChange {
  id: string;
  kind: "created" | "edited" | "renamed" | "published" | "moved" | "deleted";
  actor: { id: string; name: string } | null;
  detail: unknown;
  count: number;
  firstAt: string;
  at: string;
}

/** Result of validating a graph on the server. */
export interface ValidationResult {
  ok: boolean;
  issues: FlowIssue[];
}

/** A template offered when creating a flow. */
export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
}
