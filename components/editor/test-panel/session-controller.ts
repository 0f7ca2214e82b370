import { io, type Socket } from "socket.io-client";
import { ApiError } from "@/lib/client/api-error";
import { flowApi } from "@/lib/client/flow-api";
import { useDocumentStore } from "../document-store";
import { useSaveStore } from "../save-store";
import { useRunStore } from "./run-store";
import type { ClientToServer, ServerToClient } from "./session-wire";

let socket: Socket<ServerToClient, ClientToServer> | null = null;

function describe(error: unknown): string {
  if (error instanceof ApiError && error.issues.length > 0) {
    return `${error.message}: ${error.issues
      .filter((issue) => issue.severity === "error")
      .map((issue) => issue.message)
      .join("; ")}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Saves the draft, asks for a session token and opens a traced Socket.IO session on it (docs/protocol.md). */
export async function startTestSession(): Promise<void> {
  stopTestSession();
  const run = useRunStore.getState();
  run.reset("starting");
  const saved = await useSaveStore.getState().flush();
  const flowId = useDocumentStore.getState().flowId;
  if (!saved || flowId === null) {
    const save = useSaveStore.getState();
    run.failedWith(`The draft could not be saved${save.message ? `: ${save.message}` : ""}`);
    return;
  }
  let token: string;
  try {
    token = (await flowApi.startSession(flowId)).token;
  } catch (error) {
    useRunStore.getState().failedWith(describe(error));
    return;
  }
  const next: Socket<ServerToClient, ClientToServer> = io(window.location.origin, {
    auth: { token, trace: true },
    transports: ["websocket"],
    reconnection: false,
  });
  socket = next;
  const live = () => socket === next;
  next.on("session", (payload) => live() && useRunStore.getState().started(payload.sessionId));
  next.on("reply", (payload) => live() && useRunStore.getState().replied(payload));
  next.on("trace", (event) => live() && useRunStore.getState().traced(event, useDocumentStore.getState().edges));
  next.on("end", (payload) => live() && useRunStore.getState().endedWith(payload));
  next.on("error", (payload) => live() && useRunStore.getState().refused(`${payload.code}: ${payload.message}`));
  next.on("connect_error", (error) => live() && useRunStore.getState().failedWith(error.message));
  next.on("disconnect", (reason) => live() && useRunStore.getState().disconnectedWith(reason));
}

/** Sends what the person typed. */
export function sendUtterance(text: string): void {
  const trimmed = text.trim();
  if (!socket || trimmed === "") return;
  socket.emit("utterance", { text: trimmed });
  useRunStore.getState().said(trimmed);
}

/** Hangs up and forgets the socket; its late events are ignored. */
export function stopTestSession(): void {
  const current = socket;
  socket = null;
  if (current?.connected) current.emit("hangup", {});
  current?.disconnect();
}
