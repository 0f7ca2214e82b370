/**
 * The server side of bench:voice, in its own process. Mode `switchboard`: the runtime (no database: the flows are in
 * memory) answering voice calls on the offline engines, with the pipeline's opt-in timing hook recording when each
 * turn's steps happen. Mode `bare`: a bare Socket.IO server speaking the same voice protocol with no speech work: it
 * answers a streaming call (`?flow=stream`) with a greeting, then echoes each caller frame straight back; it answers an utterance with
 * a goodbye made of prerecorded frames, and on the goodbye's playout mark sends `end` and disconnects.
 * It talks to the parent over IPC: ready (port), timings, loop (event-loop delay and CPU), speak, stop.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { attachRuntimeServer } from "../lib/server/runtime-server";
import { InMemoryFlowLookup } from "../lib/testing/in-memory-flow-lookup";
import { FRAME_BYTES } from "../lib/voice/audio/pcm";
import { localVoiceEngines } from "../lib/voice/local-voice-engines";
import type { VoiceTimingMark } from "../lib/voice/pipeline/voice-pipeline";
import { speakToPcm } from "../lib/voice/spoken-audio";
import { BENCH_FLOWS, BENCH_SECRET, BENCH_WORKSPACE } from "./voice-bench-flows";

/** Frames the bare server sends as its greeting (3 s) and its goodbye (0.8 s): about what Piper makes of the flows' lines. */
const BARE_GREETING_FRAMES = 150;
const BARE_GOODBYE_FRAMES = 40;

const mode = process.argv[2] === "bare" ? "bare" : "switchboard";
const send = (message: unknown) => process.send?.(message);
const wallClockMs = (at: number) => performance.timeOrigin + at;

const httpServer = createServer();
/** Each socket's turn steps, in wall-clock ms, so the callers' process can line them up with its own clock. */
const timings = new Map<string, Array<VoiceTimingMark>>();
let stop: () => Promise<void>;
let sessions = () => 0;
/** A line as this runtime's own speech would say it (switchboard mode): its reply cache keeps it for the calls. */
let speak = async (_text: string): Promise<Int16Array> => new Int16Array(0);

if (mode === "switchboard") {
  const engines = localVoiceEngines();
  if (!engines) throw new Error("the offline voice engines are not installed: run npm run voices:fetch");
  const lookup = new InMemoryFlowLookup();
  for (const [flowId, graph] of Object.entries(BENCH_FLOWS)) lookup.put(BENCH_WORKSPACE, flowId, graph);
  const runtime = await attachRuntimeServer({
    httpServer,
    lookup,
    secret: () => BENCH_SECRET,
    maxSessions: 100_000,
    log: () => undefined,
    // bench:livekit: the same runtime registers as a LiveKit agent worker too, so one process answers both transports.
    ...(process.env.BENCH_LIVEKIT_URL
      ? {
          livekit: {
            url: process.env.BENCH_LIVEKIT_URL,
            apiKey: process.env.BENCH_LIVEKIT_API_KEY ?? "",
            apiSecret: process.env.BENCH_LIVEKIT_API_SECRET ?? "",
          },
        }
      : {}),
    voice: {
      engines,
      onTiming: (socketId, mark) => {
        const marks = timings.get(socketId) ?? [];
        marks.push({ ...mark, at: wallClockMs(mark.at) });
        timings.set(socketId, marks);
      },
    },
  });
  // Loads every engine thread's models before the first caller (two requests at once reach both threads of a pool):
  // a cold start is not what the sessions measure.
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      await speakToPcm(engines.tts, "Ready.");
      const vad = await engines.vad.stream();
      await vad.feed(new Uint8Array(FRAME_BYTES));
      await vad.finish();
      for (const options of [{}, { expectedPhrases: ["yes", "no"] }]) {
        const stt = await engines.stt.listen(options);
        await stt.feed(new Uint8Array(FRAME_BYTES * 10));
        await stt.finish();
      }
    }),
  );
  if (runtime.livekitWorker && !(await runtime.livekitWorker.whenRegistered(30_000)))
    throw new Error("the LiveKit agent worker did not register within 30 s");
  stop = async () => {
    await runtime.shutdown({ graceMs: 0 });
    await engines.close();
  };
  sessions = () => runtime.registry.size;
  speak = (text) => speakToPcm(engines.tts, text);
} else {
  const io = new Server(httpServer, { serveClient: false });
  const silence = Buffer.alloc(FRAME_BYTES);
  io.on("connection", (socket) => {
    let replies = 0;
    const say = (text: string, frames: number, goodbye: boolean) => {
      const replyId = `r${++replies}`;
      socket.emit("reply", { text, replyId, ...(goodbye ? { goodbye: true } : {}) });
      for (let frame = 0; frame < frames; frame += 1) socket.emit("audio", silence);
      socket.emit("audio.end", { replyId, durationMs: frames * 20 });
      return replyId;
    };
    let goodbyeId: string | undefined;
    socket.emit("session", { sessionId: socket.id });
    if (socket.handshake.query.flow === "stream") {
      say("Hello.", BARE_GREETING_FRAMES, false);
      socket.on("audio", (frame: Buffer) => socket.emit("audio", frame));
    }
    socket.on("utterance", () => (goodbyeId = say("Goodbye.", BARE_GOODBYE_FRAMES, true)));
    socket.on("playout", (mark: { replyId?: string }) => {
      if (goodbyeId === undefined || mark?.replyId !== goodbyeId) return;
      socket.emit("end", { reason: "completed" });
      socket.disconnect(true);
    });
  });
  stop = async () => {
    io.close();
  };
  sessions = () => io.of("/").sockets.size;
}

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let cpuAtReset = process.cpuUsage();
let wallAtReset = performance.now();
const port = await new Promise<number>((resolve) =>
  httpServer.listen(0, "127.0.0.1", () => resolve((httpServer.address() as AddressInfo).port)),
);
loopDelay.enable();
send({ type: "ready", port });

process.on("message", async (message: { type: string }) => {
  if (message.type === "reset") {
    loopDelay.reset();
    cpuAtReset = process.cpuUsage();
    wallAtReset = performance.now();
    timings.clear();
    send({ type: "reset" });
  }
  if (message.type === "timings") send({ type: "timings", timings: Object.fromEntries(timings) });
  if (message.type === "speak") {
    const pcm = await speak((message as { type: string; text?: string }).text ?? "");
    send({ type: "speak", pcm: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString("base64") });
  }
  if (message.type === "loop") {
    const cpu = process.cpuUsage(cpuAtReset);
    send({
      type: "loop",
      // Event-loop delay (ns → ms): how late this process's callbacks ran, frames out included.
      delayP99Ms: loopDelay.percentile(99) / 1e6,
      delayMaxMs: loopDelay.max / 1e6,
      // The whole process, every thread (engines too), as a share of one core.
      cpuCores: (cpu.user + cpu.system) / 1000 / (performance.now() - wallAtReset),
      sessions: sessions(),
      rssMb: process.memoryUsage.rss() / 2 ** 20,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
      externalMb: process.memoryUsage().external / 2 ** 20,
    });
  }
  if (message.type === "stop") {
    await stop();
    process.exit(0);
  }
});
