import { AgentDispatchClient, RoomServiceClient } from "livekit-server-sdk";
import { z } from "zod";
import { mintCallerToken, type LiveKitRoomToken } from "../../auth/livekit-token";
import { liveKitHttpUrl, type LiveKitConfig } from "../../config/livekit-config";
import { SessionOpenError } from "../session-runner";
import { DEFAULT_LIVEKIT_AGENT_NAME } from "./livekit-agent-worker";
import { roomNameForSession } from "./livekit-room-name";

/** What a dispatched job's metadata carries to whichever worker the LiveKit server picks. */
const dispatchMetadataSchema = z.object({
  /** The Switchboard session token: the worker admits it as any transport does (flow, expiry, single use). */
  sessionToken: z.string(),
  /** The identity the caller's LiveKit token carries: the worker's session talks to this participant only. */
  callerIdentity: z.string(),
  trace: z.boolean().optional(),
});

export type DispatchMetadata = z.infer<typeof dispatchMetadataSchema>;

/**
 * Reads a job's metadata; throws SessionOpenError `unknown_job` when it is not what dispatchLiveKitCall wrote (say, a
 * SIP dispatch rule's, before phone numbers map to flows).
 */
export function parseDispatchMetadata(metadata: string): DispatchMetadata {
  try {
    return dispatchMetadataSchema.parse(JSON.parse(metadata));
  } catch {
    throw new SessionOpenError("unknown_job", "The job names no Switchboard session (it was not dispatched by Switchboard)");
  }
}

/** A call dispatched to the agent workers: the room, and the caller's way in. */
export interface DispatchedCall {
  roomName: string;
  dispatchId: string;
  caller: LiveKitRoomToken;
}

/**
 * Starts a call by agent dispatch: creates the session's room, asks the LiveKit server to dispatch `agentName` to it
 * with the session token as the job's metadata (the server picks one of the registered workers, on any machine, by
 * their availability and load), and mints the caller's token. No runtime of this process needs to be involved.
 */
export async function dispatchLiveKitCall(
  config: LiveKitConfig,
  options: {
    sessionId: string;
    sessionToken: string;
    trace?: boolean;
    agentName?: string;
    joinTimeoutMs?: number;
    callerIdentity?: string;
  },
): Promise<DispatchedCall> {
  const httpUrl = liveKitHttpUrl(config.url);
  const rooms = new RoomServiceClient(httpUrl, config.apiKey, config.apiSecret);
  const dispatches = new AgentDispatchClient(httpUrl, config.apiKey, config.apiSecret);
  const roomName = roomNameForSession(options.sessionId);
  const callerIdentity = options.callerIdentity ?? `caller-${crypto.randomUUID().slice(0, 8)}`;
  const joinTimeoutMs = options.joinTimeoutMs ?? 30_000;
  // The room empties itself if nobody ever joins (nor any worker takes the job); a live call's room is deleted at End.
  await rooms.createRoom({ name: roomName, emptyTimeout: Math.ceil(joinTimeoutMs / 1000) + 10, maxParticipants: 2 });
  const metadata: DispatchMetadata = { sessionToken: options.sessionToken, callerIdentity, trace: options.trace === true };
  try {
    const dispatch = await dispatches.createDispatch(roomName, options.agentName ?? DEFAULT_LIVEKIT_AGENT_NAME, {
      metadata: JSON.stringify(metadata),
    });
    const caller = await mintCallerToken(config, { roomName, identity: callerIdentity });
    return { roomName, dispatchId: dispatch.id, caller };
  } catch (error) {
    await rooms.deleteRoom(roomName).catch(() => undefined);
    throw error;
  }
}
