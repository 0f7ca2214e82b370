import { RoomServiceClient, WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { LIVEKIT_DISABLED_MESSAGE, liveKitHttpUrl, type LiveKitConfig } from "../config/livekit-config";
import type { Database } from "../db/prisma-client";
import { ApiError, responseForError } from "../http/api-error";
import { sessionIdOfRoom } from "../runtime/transports/livekit-room-name";
import { closeOrphanedSession } from "../sessions/session-close";

/** `ParticipantInfo_Kind.AGENT` of @livekit/protocol, which livekit-server-sdk does not re-export. */
const AGENT_KIND = 4;

/** Why a webhook closed a session's row, and what the row's end message says. */
const CLOSES = {
  room_finished: "LiveKit closed the call's room while its session was still open (its runtime process stopped)",
  caller_left: "The caller left the LiveKit room while the session was still open (its runtime process stopped)",
  agent_left: "The runtime's participant left the LiveKit room without ending the session (its process stopped)",
} as const;

export type WebhookCloseReason = keyof typeof CLOSES;

/** What a webhook came to (the route answers it as JSON, docs/api.md). */
export type LiveKitWebhookOutcome =
  /** Not about a Switchboard session, or an event that ends nothing. */
  | { kind: "ignored"; event: string }
  /** Its session was already over, or its runtime process is alive and ends it through the End path itself. */
  | { kind: "untouched"; event: string; sessionId: string }
  /** The row was still open and its runtime process is gone: closed here with `reason` (and the room deleted). */
  | { kind: "closed"; event: string; sessionId: string; reason: WebhookCloseReason };

export interface LiveKitWebhookDeps {
  db: Database;
  config: LiveKitConfig;
}

/**
 * The answer to a POST from LiveKit's webhook: 200 with the outcome, 401 `webhook_unauthorized` when it is not signed
 * by this deployment's key pair, 503 `livekit_off` when LiveKit is not configured here (docs/api.md).
 */
export async function answerLiveKitWebhook(request: Request, config: LiveKitConfig | null, db: () => Promise<Database>): Promise<Response> {
  try {
    if (!config) throw new ApiError(503, "livekit_off", LIVEKIT_DISABLED_MESSAGE);
    const event = await verifyLiveKitWebhook(config, await request.text(), request.headers.get("authorization"));
    return Response.json(await handleLiveKitWebhook(event, { db: await db(), config }));
  } catch (error) {
    return responseForError(error);
  }
}

/**
 * Checks that a webhook comes from the LiveKit server this deployment uses: the Authorization header is a JWT signed
 * with LIVEKIT_API_SECRET whose sha256 claim is the body's. Anything else is refused with 401 `webhook_unauthorized`.
 */
export async function verifyLiveKitWebhook(config: LiveKitConfig, body: string, authorization: string | null): Promise<WebhookEvent> {
  if (!authorization) throw new ApiError(401, "webhook_unauthorized", "A LiveKit webhook must carry LiveKit's signed Authorization header");
  try {
    return await new WebhookReceiver(config.apiKey, config.apiSecret).receive(body, authorization);
  } catch {
    throw new ApiError(401, "webhook_unauthorized", "That webhook's signature does not verify with this deployment's LiveKit key pair");
  }
}

/**
 * Closes the Session row a stopped runtime process left open, once LiveKit says the call is over: its room finished,
 * its caller left, or the runtime's own participant left (the worker was killed). A session whose holder's lease is
 * current is left to it (it takes the hang-up path itself, with its own reason); one already ended is untouched. A
 * holder killed a moment ago still has a lease: its restart, or any runtime's sweep once the lease runs out, closes
 * its sessions as `lost` instead.
 */
export async function handleLiveKitWebhook(event: WebhookEvent, deps: LiveKitWebhookDeps): Promise<LiveKitWebhookOutcome> {
  const reason = closeReason(event);
  const sessionId = sessionIdOfRoom(event.room?.name ?? "");
  if (!reason || !sessionId) return { kind: "ignored", event: event.event };
  const closed = await closeOrphanedSession(deps.db, sessionId, reason, CLOSES[reason]);
  // The runtime's participant gone and the session over (closed here, or as lost by a sweep): the room serves nobody,
  // and closing it disconnects a caller still waiting in it.
  if (reason === "agent_left" || (closed && reason === "caller_left")) await deleteRoomIfOver(deps, sessionId, event.room!.name, closed);
  if (!closed) return { kind: "untouched", event: event.event, sessionId };
  return { kind: "closed", event: event.event, sessionId, reason };
}

function closeReason(event: WebhookEvent): WebhookCloseReason | undefined {
  if (event.event === "room_finished") return "room_finished";
  if (event.event !== "participant_left" || !event.participant) return undefined;
  // An agent token (mintAgentToken's `agent` grant) shows as permission.agent; a dispatched worker as kind AGENT.
  const isAgent = event.participant.kind === AGENT_KIND || event.participant.permission?.agent === true;
  return isAgent ? "agent_left" : "caller_left";
}

async function deleteRoomIfOver(deps: LiveKitWebhookDeps, sessionId: string, roomName: string, closed: boolean): Promise<void> {
  if (!closed) {
    const row = await deps.db.session.findUnique({ where: { id: sessionId }, select: { status: true } });
    if (row?.status !== "ended") return;
  }
  await roomService(deps.config)
    .deleteRoom(roomName)
    .catch(() => undefined);
}

function roomService(config: LiveKitConfig): RoomServiceClient {
  return new RoomServiceClient(liveKitHttpUrl(config.url), config.apiKey, config.apiSecret);
}
