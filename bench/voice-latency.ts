/**
 * Turn latency for bench:voice: the caller's last voiced sample → the first frame of the reply's audio at the client,
 * over Piper-spoken caller lines streamed in real time, broken down by the server's timing marks (the pipeline's
 * opt-in `onTiming` hook) into:
 * - end-of-speech wait: last voiced sample → the turn ends (the pause the VAD waits is its floor: PHRASE_PAUSE_MS when
 *   the caller said an expected phrase, else the Listen's end-of-speech silence);
 * - STT finalisation: → the recogniser's final transcript goes to the session;
 * - runtime: → the session's reply begins (the flow's steps);
 * - TTS first frame: → the reply's first synthesised frame goes out;
 * - transport: → that frame arrives at the client.
 * The client's microphone clock sends frame k (samples 320k..320k+319) at origin + 20(k+1) ms, when a microphone
 * would have it; the last voiced sample s (the last with |x| > VOICED) was spoken at origin + (s + 1) / 16 ms.
 * Server and client are separate processes on one machine: marks are wall-clock (performance.timeOrigin + now()).
 * Baseline in the same call: the same turn typed (`utterance` → first reply frame), and the end-of-speech setting.
 */
import { VoiceTestClient } from "../lib/testing/voice-client";
import { FRAME_MS, FRAME_SAMPLES } from "../lib/voice/audio/pcm";
import type { VoiceTimingMark } from "../lib/voice/pipeline/voice-pipeline";
import { benchToken, type BenchFlowId } from "./voice-bench-flows";
import type { VoiceServerHandle } from "./voice-server-handle";

/** A sample louder than this (1% of full scale) is voiced. */
const VOICED = 328;
const wallClockMs = () => performance.timeOrigin + performance.now();

/** One spoken turn, in ms; `parts` is undefined when a server mark is missing. */
export interface SpokenTurn {
  totalMs: number;
  parts?: { endOfSpeech: number; stt: number; runtime: number; tts: number; transport: number };
  right: boolean;
  heard: string;
}

export interface TypedTurn {
  totalMs: number;
  parts?: { runtime: number; tts: number; transport: number };
}

/** A caller line and the reply it must get. */
export interface CallerLine {
  samples: Int16Array;
  reply: string;
}

/** A microphone that sends 20 ms frames in real time: what was queued, else silence. */
class Microphone {
  readonly origin = wallClockMs();
  #frame = 0;
  #queue: Int16Array[] = [];
  #running = true;

  constructor(private readonly client: VoiceTestClient) {
    void this.#run();
  }

  /** Queues `samples` after what is queued; returns the wall-clock time their last voiced sample is spoken. */
  say(samples: Int16Array): number {
    let last = samples.length - 1;
    while (last > 0 && Math.abs(samples[last]!) <= VOICED) last -= 1;
    const firstFrame = this.#frame + this.#queue.length;
    for (let at = 0; at < samples.length; at += FRAME_SAMPLES) {
      const frame = new Int16Array(FRAME_SAMPLES);
      frame.set(samples.subarray(at, at + FRAME_SAMPLES));
      this.#queue.push(frame);
    }
    return this.origin + ((firstFrame * FRAME_SAMPLES + last + 1) * 1000) / 16_000;
  }

  stop(): void {
    this.#running = false;
  }

  async #run(): Promise<void> {
    while (this.#running && this.client.socket.connected !== false) {
      const wait = this.origin + (this.#frame + 1) * FRAME_MS - wallClockMs();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const frame = this.#queue.shift() ?? new Int16Array(FRAME_SAMPLES);
      this.client.socket.emit("audio", Buffer.from(frame.buffer));
      this.#frame += 1;
    }
  }
}

/** The first audio frame of the next reply to arrive, with the reply (times wall-clock). */
function nextReply(client: VoiceTestClient): Promise<{ replyId: string; text: string; firstFrameAt: number }> {
  return new Promise((resolve) => {
    client.socket.once("reply", (reply: { replyId: string; text: string }) => {
      client.socket.once("audio", () => resolve({ ...reply, firstFrameAt: wallClockMs() }));
    });
  });
}

const after = (marks: VoiceTimingMark[], type: VoiceTimingMark["type"], from: number) =>
  marks.find((mark) => mark.type === type && mark.at >= from);

/**
 * One call of `flowId`: `turns` spoken turns (lines in turn), then as many typed ("yes"), each after the previous
 * reply has played; the server's marks are read at the end.
 */
export async function measureTurns(
  server: VoiceServerHandle,
  flowId: BenchFlowId,
  lines: CallerLine[],
  turns: number,
): Promise<{ spoken: SpokenTurn[]; typed: TypedTurn[] }> {
  const client = new VoiceTestClient(server.url, { token: await benchToken(flowId) });
  await client.waitFor((e) => e.event === "session");
  const microphone = new Microphone(client);
  await client.waitFor((e) => e.event === "audio.end"); // the greeting, played (marked) at once
  const spokenRaw: Array<{ voicedAt: number; firstFrameAt: number; replyId: string; text: string; line: CallerLine }> = [];
  const typedRaw: Array<{ sentAt: number; firstFrameAt: number; replyId: string }> = [];
  const played = (replyId: string) => client.waitFor((e) => e.event === "audio.end" && (e.data as { replyId: string }).replyId === replyId);
  for (let turn = 0; turn < turns; turn += 1) {
    const line = lines[turn % lines.length]!;
    const reply = nextReply(client);
    const voicedAt = microphone.say(line.samples);
    const got = await reply;
    spokenRaw.push({ voicedAt, ...got, line });
    await played(got.replyId);
    // The next line comes after the Listen's whole silence: sooner, it is the rest of the turn just answered on its
    // phrase, not a new one (AnsweredTurnTail, lib/voice/pipeline/turn-end.ts).
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
  for (let turn = 0; turn < turns; turn += 1) {
    const reply = nextReply(client);
    const sentAt = wallClockMs();
    client.socket.emit("utterance", { text: "yes" });
    const got = await reply;
    typedRaw.push({ sentAt, ...got });
    await played(got.replyId);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  microphone.stop();
  const marks = (await server.timings())[client.socket.id ?? ""] ?? [];
  client.close();

  const spoken = spokenRaw.map(({ voicedAt, firstFrameAt, replyId, text, line }): SpokenTurn => {
    const end = after(marks, "speech.end", voicedAt);
    const final = end && after(marks, "transcript.final", end.at);
    const begin = marks.find((mark) => mark.type === "reply.begin" && "replyId" in mark && mark.replyId === replyId);
    const first = marks.find((mark) => mark.type === "reply.first_frame" && "replyId" in mark && mark.replyId === replyId);
    return {
      totalMs: firstFrameAt - voicedAt,
      right: text === line.reply,
      heard: text,
      parts:
        end && final && begin && first
          ? {
              endOfSpeech: end.at - voicedAt,
              stt: final.at - end.at,
              runtime: begin.at - final.at,
              tts: first.at - begin.at,
              transport: firstFrameAt - first.at,
            }
          : undefined,
    };
  });
  const typed = typedRaw.map(({ sentAt, firstFrameAt, replyId }): TypedTurn => {
    const begin = marks.find((mark) => mark.type === "reply.begin" && "replyId" in mark && mark.replyId === replyId);
    const first = marks.find((mark) => mark.type === "reply.first_frame" && "replyId" in mark && mark.replyId === replyId);
    return {
      totalMs: firstFrameAt - sentAt,
      parts: begin && first ? { runtime: begin.at - sentAt, tts: first.at - begin.at, transport: firstFrameAt - first.at } : undefined,
    };
  });
  return { spoken, typed };
}
