/** Every session's room is named after it, so a LiveKit event about a room names the Session row it concerns. */
const ROOM_PREFIX = "switchboard-";

/** The room a session's LiveKit call runs in. */
export function roomNameForSession(sessionId: string): string {
  return `${ROOM_PREFIX}${sessionId}`;
}

/** The session a room belongs to, or undefined for a room Switchboard did not create. */
export function sessionIdOfRoom(roomName: string): string | undefined {
  if (!roomName.startsWith(ROOM_PREFIX)) return undefined;
  const sessionId = roomName.slice(ROOM_PREFIX.length);
  return sessionId === "" ? undefined : sessionId;
}
