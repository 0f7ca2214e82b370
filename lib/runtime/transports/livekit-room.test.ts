import { RoomEvent, type Room } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintCallerToken } from "../../auth/livekit-token";
import { startLiveKitServer, type LiveKitTestServer } from "../../testing/livekit-server";
import { newRoom } from "./livekit-room";

/* A real livekit-server on loopback; several Rooms in this one process, as the runtime holds one per call. */
let server: LiveKitTestServer;

beforeAll(async () => {
  server = await startLiveKitServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

interface FfiEventLike {
  message: { case?: string };
}
interface FfiClientLike {
  on(event: "ffi_event", listener: (event: FfiEventLike) => void): void;
  off(event: "ffi_event", listener: (event: FfiEventLike) => void): void;
}

async function join(roomName: string, identity: string): Promise<Room> {
  const room = newRoom();
  const { token } = await mintCallerToken(server, { roomName, identity });
  await room.connect(server.url, token, { autoSubscribe: true, dynacast: false });
  return room;
}

function received(room: Room): string[] {
  const texts: string[] = [];
  room.on(RoomEvent.DataReceived, (payload) => texts.push(new TextDecoder().decode(payload)));
  return texts;
}

describe("Rooms of one process", () => {
  it("each get their own room's events, and the native library's logs no longer cross into JavaScript", async () => {
    const ffiClient = () => (globalThis as { _ffiClientInstance?: FfiClientLike })._ffiClientInstance!;
    const kinds = new Map<string, number>();
    const count = (event: FfiEventLike) => kinds.set(event.message.case ?? "", (kinds.get(event.message.case ?? "") ?? 0) + 1);
    const rooms: Room[] = [];
    try {
      // rtc-node makes its client with the first Room's connection; what follows is counted.
      rooms.push(await join("room-a", "alice"));
      ffiClient().on("ffi_event", count);
      rooms.push(await join("room-a", "bob"), await join("room-b", "carol"), await join("room-b", "dave"));
      const [alice, bob, carol, dave] = rooms as [Room, Room, Room, Room];
      const atBob = received(bob);
      const atDave = received(dave);
      const atAlice = received(alice);
      for (let i = 0; i < 5; i++) {
        await alice.localParticipant!.publishData(new TextEncoder().encode(`a${i}`), { reliable: true });
        await carol.localParticipant!.publishData(new TextEncoder().encode(`b${i}`), { reliable: true });
      }
      await expect.poll(() => atBob.length + atDave.length, { timeout: 10_000 }).toBe(10);
      expect(atBob).toEqual(["a0", "a1", "a2", "a3", "a4"]);
      expect(atDave).toEqual(["b0", "b1", "b2", "b3", "b4"]);
      expect(atAlice).toEqual([]);
      // Connecting four rooms used to send thousands of log batches (every level, trace included) that nothing read.
      expect(kinds.get("roomEvent")).toBeGreaterThan(10);
      expect(kinds.get("logs") ?? 0).toBe(0);
    } finally {
      ffiClient().off("ffi_event", count);
      await Promise.all(rooms.map((room) => room.disconnect()));
    }
  }, 60_000);
});
