import { RoomEvent, type Room } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintCallerToken } from "../../auth/livekit-token";
import { LiveKitTestCaller } from "../../testing/livekit-caller";
import { startLiveKitServer, type LiveKitTestServer } from "../../testing/livekit-server";
import { SAMPLE_RATE } from "../../voice/audio/pcm";
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

const ffiClient = () => (globalThis as { _ffiClientInstance?: FfiClientLike })._ffiClientInstance!;

describe("Rooms and audio streams of one process", () => {
  it("each get their own room's events, and the native library's logs no longer cross into JavaScript", async () => {
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

  it("each audio stream gets its own track's frames straight from the native library, not through every listener", async () => {
    const kinds = new Map<string, number>();
    const count = (event: FfiEventLike) => kinds.set(event.message.case ?? "", (kinds.get(event.message.case ?? "") ?? 0) + 1);
    const callers = ["alice", "bob", "carol", "dave"].map(() => new LiveKitTestCaller());
    const [alice, bob, carol, dave] = callers as [LiveKitTestCaller, LiveKitTestCaller, LiveKitTestCaller, LiveKitTestCaller];
    const token = async (roomName: string, identity: string) => (await mintCallerToken(server, { roomName, identity })).token;
    try {
      await alice.join(server.url, await token("tone", "alice"));
      await bob.join(server.url, await token("tone", "bob"));
      await carol.join(server.url, await token("quiet", "carol"));
      await dave.join(server.url, await token("quiet", "dave"));
      ffiClient().on("ffi_event", count);
      // Alice plays a loud tone to Bob; Carol plays silence to Dave; each subscriber's stream must hear only its room.
      const tone = Int16Array.from({ length: SAMPLE_RATE }, (_, i) => Math.round(8_000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE)));
      await Promise.all([alice.speak(tone), carol.speak(new Int16Array(SAMPLE_RATE))]);
      const peak = (caller: LiveKitTestCaller) => Math.max(0, ...caller.received.map((frame) => Math.max(...frame.samples.map(Math.abs))));
      await expect.poll(() => peak(bob), { timeout: 10_000 }).toBeGreaterThan(2_000);
      expect(dave.received.length).toBeGreaterThan(25);
      expect(peak(dave)).toBeLessThan(200);
      // Four streams received frames; none of them was handed to the process-wide emitter's listeners.
      expect(kinds.get("audioStreamEvent") ?? 0).toBe(0);
      expect(kinds.get("captureAudioFrame")).toBeGreaterThan(10);
    } finally {
      ffiClient().off("ffi_event", count);
      await Promise.all(callers.map((caller) => caller.leave()));
    }
  }, 60_000);
});
