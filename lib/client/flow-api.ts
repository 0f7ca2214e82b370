import type { LiveKitStatus } from "@/lib/config/livekit-status";
import type { FlowGraph } from "@/lib/flow";
import type { LiveKitCallGrant } from "@/lib/server/session-control";
import type { VoiceProviderCatalog } from "@/lib/voice/voice-catalog";
import { request } from "./api-request";
import type { FlowChange, FlowRecord, FlowSummary, TemplateSummary, ValidationResult, WorkspaceSummary } from "./api-types";

const json = (value: unknown) => JSON.stringify(value);

/** Typed client of the flow HTTP API (docs/api.md), for the browser. */
export const flowApi = {
  list: () => request<{ flows: FlowSummary[] }>("/api/flows").then((body) => body.flows),
  get: (id: string) =>
    request<{ flow: FlowRecord; validation: ValidationResult; role: "owner" | "editor" | "viewer" }>(
      `/api/flows/${encodeURIComponent(id)}`,
    ),
  create: (body: ({ name: string; templateId?: string } | { name: string; graph: FlowGraph }) & { workspaceId?: string }) =>
    request<{ flow: FlowRecord }>("/api/flows", { method: "POST", body: json(body) }).then((answer) => answer.flow),
  update: (id: string, body: { revision: number; name?: string; graph?: FlowGraph }) =>
    request<{ flow: FlowRecord; validation: ValidationResult }>(`/api/flows/${encodeURIComponent(id)}`, {
      method: "PUT",
      body: json(body),
    }),
  remove: (id: string) => request<void>(`/api/flows/${encodeURIComponent(id)}`, { method: "DELETE" }),
  duplicate: (id: string, name?: string) =>
    request<{ flow: FlowRecord }>(`/api/flows/${encodeURIComponent(id)}/duplicate`, {
      method: "POST",
      body: json(name === undefined ? {} : { name }),
    }).then((answer) => answer.flow),
  import: (document: unknown) =>
    request<{ flow: FlowRecord; validation: ValidationResult }>("/api/flows/import", { method: "POST", body: json(document) }),
  exportUrl: (id: string) => `/api/flows/${encodeURIComponent(id)}/export`,
  move: (id: string, workspaceId: string) =>
    request<{ flow: FlowRecord }>(`/api/flows/${encodeURIComponent(id)}/move`, { method: "POST", body: json({ workspaceId }) }).then(
      (answer) => answer.flow,
    ),
  history: (id: string) => request<{ history: FlowChange[] }>(`/api/flows/${encodeURIComponent(id)}/history`).then((body) => body.history),
  workspaces: () => request<{ workspaces: WorkspaceSummary[] }>("/api/workspaces").then((body) => body.workspaces),
  createWorkspace: (name: string) =>
    request<{ workspace: WorkspaceSummary }>("/api/workspaces", { method: "POST", body: json({ name }) }).then(
      (answer) => answer.workspace,
    ),
  templates: () => request<{ templates: TemplateSummary[] }>("/api/templates").then((body) => body.templates),
  voiceProviders: () => request<VoiceProviderCatalog>("/api/voice/providers"),
  startSession: (id: string) =>
    request<{ token: string; expiresAt: string }>(`/api/flows/${encodeURIComponent(id)}/sessions`, { method: "POST", body: json({}) }),
  liveKitStatus: () => request<LiveKitStatus>("/api/livekit"),
  /** A traced test call in a new LiveKit room, the runtime already in it as the agent (docs/protocol.md#livekit). */
  startLiveKitCall: (id: string) =>
    request<LiveKitCallGrant>(`/api/flows/${encodeURIComponent(id)}/livekit-calls`, { method: "POST", body: json({ trace: true }) }),
};
