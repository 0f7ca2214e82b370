import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import type { LiveKitConfig } from "../config/livekit-config";

/** Longest a caller's LiveKit token lives: it only has to get them into their room. */
export const LIVEKIT_CALLER_TOKEN_TTL_SECONDS = 600;
/** The runtime's own join token: it joins right after minting it. */
const AGENT_TOKEN_TTL_SECONDS = 60;

/** A LiveKit access token for one identity in one room. */
export interface LiveKitRoomToken {
  token: string;
  roomName: string;
  identity: string;
  expiresAt: Date;
}

/**
 * A caller's token: joins `roomName` only (never creates rooms: the runtime did), publishes audio and data, lives at
 * most LIVEKIT_CALLER_TOKEN_TTL_SECONDS.
 */
export async function mintCallerToken(
  config: Pick<LiveKitConfig, "apiKey" | "apiSecret">,
  options: { roomName: string; identity: string; ttlSeconds?: number },
): Promise<LiveKitRoomToken> {
  const ttl = Math.min(options.ttlSeconds ?? LIVEKIT_CALLER_TOKEN_TTL_SECONDS, LIVEKIT_CALLER_TOKEN_TTL_SECONDS);
  const token = new AccessToken(config.apiKey, config.apiSecret, { identity: options.identity, ttl });
  token.addGrant({ roomJoin: true, room: options.roomName, canPublish: true, canSubscribe: true, canPublishData: true, roomCreate: false });
  return {
    token: await token.toJwt(),
    roomName: options.roomName,
    identity: options.identity,
    expiresAt: new Date(Date.now() + ttl * 1000),
  };
}

/** The runtime's token for the session's room: marked as an agent, so clients can tell it from the caller. */
export async function mintAgentToken(
  config: Pick<LiveKitConfig, "apiKey" | "apiSecret">,
  roomName: string,
  identity: string,
): Promise<string> {
  const token = new AccessToken(config.apiKey, config.apiSecret, { identity, ttl: AGENT_TOKEN_TTL_SECONDS, name: "Switchboard" });
  token.addGrant({ roomJoin: true, room: roomName, canPublish: true, canSubscribe: true, canPublishData: true, agent: true });
  return token.toJwt();
}

/** Checks a LiveKit token's signature and expiry as livekit-server does; throws when it is forged or expired. */
export async function verifyLiveKitToken(config: Pick<LiveKitConfig, "apiKey" | "apiSecret">, token: string) {
  return new TokenVerifier(config.apiKey, config.apiSecret).verify(token);
}
