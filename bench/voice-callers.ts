/**
 * Voice callers for bench:voice's load sections, in their own process so the clients do not eat the server's core:
 * forked with a CallersJob as its one IPC message, it answers with CallersResult and exits.
 *
 * Every caller streams a 640-byte frame every 20 ms from its connection on (silence, or a looped spoken line), as a
 * microphone does; one clock sends them, in four phases 5 ms apart so the callers do not all send in the same
 * millisecond. What it measures:
 * - `goodbye`: each caller types "bye" after a random pause once all are connected, receives the spoken goodbye,
 *   sends its playout mark at `audio.end` (as if played instantly) and measures mark → `disconnect`.
 * - `stream`: the lateness of every reply frame the server sends. A reply's frames are a stream played from the
 *   arrival of its first frame: frame k is due at t0 + 20k ms, and its lateness is max(0, arrival − due), the gap a
 *   client with no jitter buffer would hear. Frames that arrive with no reply begun (the bare relay's echo of the
 *   caller's own frames) form one such stream too.
 */
import { readFileSync } from "node:fs";
import { FRAME_BYTES, FRAME_MS, FRAME_SAMPLES } from "../lib/voice/audio/pcm";
import { VoiceTestClient } from "../lib/testing/voice-client";
import { benchToken, type BenchFlowId } from "./voice-bench-flows";

export interface CallersJob {
  url: string;
  flowId: BenchFlowId;
  scenario: "goodbye" | "stream";
  count: number;
  /** Connections are spread evenly over this long. */
  rampMs: number;
  /** `stream`: how long every caller streams once all are connected. */
  windowMs: number;
  /** `goodbye`: each caller says bye after a random pause up to this long. */
  thinkMs: number;
  /** Raw 16 kHz PCM16 looped as the callers' speech (STT on every call); without, the callers send silence. */
  speechFile?: string;
}

export interface CallersResult {
  connected: number;
  failed: string[];
  /** `goodbye`: playout mark → disconnect, ms, per caller that ended correctly. */
  markToDisconnect: number[];
  /** `goodbye`: callers whose ending was not right (no end, wrong reason, goodbye audio missing or cut). */
  wrong: string[];
  /** `stream`: lateness of every reply frame, ms. */
  lateness: number[];
  /** `stream`: reply event → its first audio frame, ms. */
  replyStart: number[];
  replies: number;
  /** `stream`: replies whose audio.end came with no frame: not spoken at all (an engine refused them). */
  silentReplies: number;
  /** `stream`: replies whose every frame arrived (their audio.end came) before the caller hung up. */
  completedReplies: number;
  /** How late this process's clock sent the callers' frames, ms (a loaded client would show here). */
  sendLateness: number[];
}

const PHASES = 4;

async function run(job: CallersJob): Promise<CallersResult> {
  const speech = job.speechFile ? new Int16Array(new Uint8Array(readFileSync(job.speechFile)).buffer) : undefined;
  const silence = Buffer.alloc(FRAME_BYTES);
  const result: CallersResult = {
    connected: 0,
    failed: [],
    markToDisconnect: [],
    wrong: [],
    lateness: [],
    replyStart: [],
    replies: 0,
    silentReplies: 0,
    completedReplies: 0,
    sendLateness: [],
  };
  const callers: Array<{ client: VoiceTestClient; frame: number; offset: number; live: boolean }> = [];

  // One clock for all callers: frame k of phase p at start + k·20 + p·5 ms.
  const start = performance.now();
  let tick = 0;
  let running = true;
  const clock = () => {
    if (!running) return;
    const due = start + tick * (FRAME_MS / PHASES);
    result.sendLateness.push(performance.now() - due);
    const phase = tick % PHASES;
    for (let index = phase; index < callers.length; index += PHASES) {
      const caller = callers[index]!;
      if (!caller.live) continue;
      let frame = silence;
      if (speech) {
        const at = ((caller.frame + caller.offset) * FRAME_SAMPLES) % (speech.length - FRAME_SAMPLES);
        frame = Buffer.from(speech.buffer, speech.byteOffset + at * 2, FRAME_BYTES);
      }
      caller.frame += 1;
      caller.client.socket.emit("audio", frame);
    }
    tick += 1;
    setTimeout(clock, Math.max(0, start + tick * (FRAME_MS / PHASES) - performance.now()));
  };
  clock();

  const connected: Array<Promise<void>> = [];
  for (let index = 0; index < job.count; index += 1) {
    const wait = start + (index * job.rampMs) / job.count - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const client = new VoiceTestClient(
      job.url,
      { token: await benchToken(job.flowId) },
      { sendMarks: job.scenario === "goodbye", query: { flow: job.flowId } },
    );
    const caller = { client, frame: 0, offset: Math.floor(Math.random() * 200), live: false };
    callers.push(caller);
    if (job.scenario === "stream") measureFrames(client, result);
    connected.push(
      client
        .waitFor((e) => e.event === "session" || e.event === "connect_error" || e.event === "disconnect", 30_000)
        .then(
          (event) => {
            if (event.event === "session") {
              caller.live = true;
              result.connected += 1;
            } else result.failed.push(`${event.event}: ${JSON.stringify(event.data)}`);
          },
          (error: Error) => void result.failed.push(error.message),
        ),
    );
  }
  await Promise.all(connected);

  if (job.scenario === "stream") {
    await new Promise((resolve) => setTimeout(resolve, job.windowMs));
  } else {
    await Promise.all(callers.filter((caller) => caller.live).map((caller) => sayBye(caller.client, job.thinkMs, result)));
  }
  running = false;
  for (const caller of callers) {
    caller.live = false;
    caller.client.close();
  }
  return result;
}

/** Records the lateness of each reply frame against real-time playback from the reply's first frame. */
function measureFrames(client: VoiceTestClient, result: CallersResult): void {
  let stream: { firstAt?: number; frames: number; replyAt?: number } | null = null;
  client.socket.on("reply", () => {
    result.replies += 1;
    stream = { frames: 0, replyAt: performance.now() };
  });
  client.socket.on("audio.end", () => {
    if (stream !== null && stream.frames === 0) result.silentReplies += 1;
    else result.completedReplies += 1;
    stream = null;
  });
  client.socket.on("clear", () => (stream = null));
  client.socket.on("audio", () => {
    const now = performance.now();
    stream ??= { frames: 0 };
    if (stream.firstAt === undefined) {
      stream.firstAt = now;
      if (stream.replyAt !== undefined) result.replyStart.push(now - stream.replyAt);
    }
    result.lateness.push(Math.max(0, now - (stream.firstAt + stream.frames * FRAME_MS)));
    stream.frames += 1;
  });
}

/** Types "bye" after a pause and checks the ending: the whole goodbye, then `end`, then the server's disconnect. */
async function sayBye(client: VoiceTestClient, thinkMs: number, result: CallersResult): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
  client.socket.emit("utterance", { text: "bye" });
  try {
    const disconnect = await client.waitFor((e) => e.event === "disconnect", 60_000);
    const goodbye = client.replies.find((reply) => reply.goodbye);
    const end = client.events.find((e) => e.event === "end");
    const problem = !goodbye
      ? "no goodbye"
      : goodbye.frames === 0 || goodbye.frames * FRAME_MS !== goodbye.durationMs
        ? `goodbye audio: ${goodbye.frames} frames, audio.end said ${goodbye.durationMs} ms`
        : goodbye.markedAt === undefined
          ? "goodbye never finished (no audio.end)"
          : (end?.data as { reason?: string } | undefined)?.reason !== "completed" || end!.at > disconnect.at
            ? `end ${JSON.stringify(end?.data)}`
            : (disconnect.data as { reason: string }).reason !== "io server disconnect"
              ? `disconnect: ${(disconnect.data as { reason: string }).reason}`
              : undefined;
    if (problem) result.wrong.push(problem);
    else result.markToDisconnect.push(disconnect.at - goodbye!.markedAt!);
  } catch (error) {
    result.wrong.push(error instanceof Error ? error.message.slice(0, 120) : String(error));
  }
}

process.once("message", async (job: CallersJob) => {
  const result = await run(job);
  process.send?.(result, () => process.exit(0));
});
