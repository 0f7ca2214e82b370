/**
 * The callers of bench:livekit, over LiveKit (a @livekit/rtc-node participant per call, dispatched as the API does)
 * and over Socket.IO audio (the same flows on the same runtime process), one function per measurement:
 * - goodbyeCall: types "bye" to the goodbye flow and times the goodbye's last audio frame at the caller → the
 *   caller's disconnect, after checking the ending (the goodbye, then `end { reason: completed }`, then the close);
 * - speakingCall: calls the yes/no flow and says a line every few seconds, counting the answers it gets back.
 */
import { verifySessionToken } from "../lib/auth/session-token";
import type { LiveKitConfig } from "../lib/config/livekit-config";
import { dispatchLiveKitCall } from "../lib/runtime/transports/livekit-dispatch";
import { LiveKitTestCaller } from "../lib/testing/livekit-caller";
import { VoiceTestClient } from "../lib/testing/voice-client";
import { FRAME_MS, FRAME_SAMPLES } from "../lib/voice/audio/pcm";
import { BENCH_SECRET, benchToken, type BenchFlowId } from "./voice-bench-flows";

export type Transport = "livekit" | "socketio";

/** A received frame louder than this (0.3% of full scale) is the goodbye's audio, not the codec's idle noise. */
const AUDIBLE = 100;
/** The voice's quiet tail varies by a frame or two between syntheses: a disconnect this early is not a cut. */
const CUT_TOLERANCE_MS = 40;

export interface GoodbyeResult {
  /** Goodbye's last audible frame at the caller → the caller's disconnect, ms; undefined when the ending was wrong. */
  lastFrameToDisconnectMs?: number;
  problem?: string;
}

/** A LiveKit call of `flowId` as POST /api/flows/{id}/livekit-calls starts one: the room, the dispatch, the caller. */
async function joinLiveKitCall(config: LiveKitConfig, flowId: BenchFlowId): Promise<LiveKitTestCaller> {
  const sessionToken = await benchToken(flowId);
  const sessionId = (await verifySessionToken(sessionToken, BENCH_SECRET)).sid;
  const call = await dispatchLiveKitCall(config, { sessionId, sessionToken });
  const caller = new LiveKitTestCaller();
  await caller.join(config.url, call.caller.token);
  await caller.waitForMessage("session", () => true, 30_000);
  return caller;
}

/**
 * One goodbye call. Over LiveKit the caller's track carries frames all the time (near-zero ones when the agent says
 * nothing), so the goodbye's last frame is found by its sound: it is due `quietTailFrames` frames after the last
 * audible one (the near-silence the voice ends "Goodbye." with, measured on the same voice by the bench, which the
 * agent plays out too). A disconnect well before that cut the goodbye. Over Socket.IO it is the last `audio` message.
 */
export async function goodbyeCall(
  transport: Transport,
  target: { config: LiveKitConfig; url: string },
  quietTailFrames: number,
): Promise<GoodbyeResult> {
  return transport === "livekit" ? liveKitGoodbye(target.config, quietTailFrames) : socketGoodbye(target.url);
}

/** How many frames at the end of `samples` are below AUDIBLE. */
export function quietTailFrames(samples: Int16Array): number {
  let last = samples.length - 1;
  while (last > 0 && Math.abs(samples[last]!) <= AUDIBLE) last -= 1;
  return Math.floor((samples.length - 1 - last) / FRAME_SAMPLES);
}

async function liveKitGoodbye(config: LiveKitConfig, quietTail: number): Promise<GoodbyeResult> {
  const caller = await joinLiveKitCall(config, "goodbye");
  try {
    await caller.send("utterance", { text: "bye" });
    const disconnected = await caller.waitFor((event) => event.event === "disconnected", 30_000);
    const goodbye = caller.events.find((event) => event.event === "reply" && (event.data as { goodbye?: boolean }).goodbye);
    const end = caller.events.find((event) => event.event === "end");
    if (!goodbye) return { problem: "no goodbye" };
    if ((end?.data as { reason?: string } | undefined)?.reason !== "completed") return { problem: `end ${JSON.stringify(end?.data)}` };
    const frames = caller.received;
    const first = frames.findIndex((frame) => frame.at >= goodbye.at && loudest(frame.samples) > AUDIBLE);
    const lastAudible = frames.findLastIndex((frame) => loudest(frame.samples) > AUDIBLE);
    if (first < 0) return { problem: "no goodbye audio reached the caller" };
    const spokenMs = frames[lastAudible]!.at - frames[first]!.at;
    if (spokenMs < 200) return { problem: `only ${spokenMs.toFixed(0)} ms of the goodbye reached the caller` };
    // Where the goodbye's last frame is due, if its quiet tail comes in real time after its last sound.
    const dueAt = frames[lastAudible]!.at + quietTail * FRAME_MS;
    const afterMs = disconnected.at - dueAt;
    if (afterMs < -CUT_TOLERANCE_MS) return { problem: `disconnected ${(-afterMs).toFixed(0)} ms before the goodbye's end was due` };
    return { lastFrameToDisconnectMs: afterMs };
  } finally {
    await caller.leave();
  }
}

async function socketGoodbye(url: string): Promise<GoodbyeResult> {
  const client = new VoiceTestClient(url, { token: await benchToken("goodbye") }, { query: { flow: "goodbye" } });
  let lastFrameAt = 0;
  client.socket.on("audio", () => (lastFrameAt = performance.now()));
  try {
    await client.waitFor((event) => event.event === "session", 30_000);
    client.socket.emit("utterance", { text: "bye" });
    const disconnect = await client.waitFor((event) => event.event === "disconnect", 30_000);
    const goodbye = client.replies.find((reply) => reply.goodbye);
    const end = client.events.find((event) => event.event === "end");
    if (!goodbye || goodbye.frames === 0 || goodbye.frames * 20 !== goodbye.durationMs)
      return { problem: `goodbye audio: ${goodbye?.frames ?? 0} frames, audio.end said ${goodbye?.durationMs} ms` };
    if ((end?.data as { reason?: string } | undefined)?.reason !== "completed") return { problem: `end ${JSON.stringify(end?.data)}` };
    return { lastFrameToDisconnectMs: disconnect.at - lastFrameAt };
  } finally {
    client.close();
  }
}

/** A call saying `line` every `everyMs` until stop(); `echoes` counts the flow's "You said …" replies. */
export interface SpeakingCall {
  echoes: () => number;
  stop: () => Promise<void>;
}

/**
 * The caller answers once the greeting ("Hello.", under a second) is over, as people do, and then every few seconds,
 * after each answer's reply: speech that starts outside a Listen is heard by a free-form recogniser (pocketsphinx's
 * language model, ~91 MB a decoder), inside one by its phrase grammar (~5 MB), and this measures the second.
 */
const answerAfterGreeting = () => new Promise((resolve) => setTimeout(resolve, 2_000));

export async function speakingCall(
  transport: Transport,
  target: { config: LiveKitConfig; url: string },
  line: Int16Array,
  everyMs: number,
): Promise<SpeakingCall> {
  const caller = transport === "livekit" ? await liveKitSpeaker(target.config) : await socketSpeaker(target.url);
  let running = true;
  const talking = (async () => {
    await answerAfterGreeting();
    while (running && caller.connected()) await caller.speak(line, { silenceBeforeMs: 0, silenceAfterMs: everyMs });
  })();
  return {
    echoes: caller.echoes,
    stop: async () => {
      running = false;
      await caller.hangUp();
      await talking;
    },
  };
}

/** What speakingCall needs of a caller, over either transport. */
interface Speaker {
  echoes: () => number;
  connected: () => boolean;
  speak: (samples: Int16Array, options: { silenceBeforeMs: number; silenceAfterMs: number }) => Promise<void>;
  hangUp: () => Promise<void> | void;
}

const isEcho = (reply: unknown) => /^You said/.test((reply as { text?: string }).text ?? "");

async function liveKitSpeaker(config: LiveKitConfig): Promise<Speaker> {
  const caller = await joinLiveKitCall(config, "turns-500");
  return {
    echoes: () => caller.events.filter((event) => event.event === "reply" && isEcho(event.data)).length,
    connected: () => caller.room.isConnected,
    speak: (samples, options) => caller.speak(samples, options),
    hangUp: () => caller.leave(),
  };
}

async function socketSpeaker(url: string): Promise<Speaker> {
  const client = new VoiceTestClient(url, { token: await benchToken("turns-500") });
  await client.waitFor((event) => event.event === "session", 30_000);
  return {
    echoes: () => client.replies.filter(isEcho).length,
    connected: () => client.socket.connected,
    speak: (samples, options) => client.speak(samples, options),
    hangUp: () => client.close(),
  };
}

function loudest(samples: Int16Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  return peak;
}
