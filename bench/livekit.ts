/**
 * `npm run bench:livekit` (issue 12): the End path and call capacity over LiveKit, each beside the same flow over
 * Socket.IO audio on the same runtime process in the same run. A real livekit-server on loopback; the runtime
 * (bench/voice-server.ts, offline engines, registered as a LiveKit agent worker) in a process of its own; the callers
 * in this one (a @livekit/rtc-node participant per LiveKit call, dispatched as the API does).
 * 1. End: the caller types "bye"; the goodbye's last audio frame at the caller → the caller's disconnect (LiveKit:
 *    `Disconnected`, as the room is deleted), p50/p95 per round over --calls sequential calls. Target LiveKit p95
 *    ≤ 50 ms.
 * 2. Capacity: N concurrent calls of a yes/no flow (a Listen with expected phrases, as most flows have), each caller
 *    saying "Yes." every 6 s (VAD, STT, the flow, TTS on every turn), for --window s; a fresh runtime process per
 *    figure, its CPU (every thread, in cores) and resident memory over its idle figure. Calls per core count only at
 *    steps served well (the runtime's event-loop delay p99 ≤ 50 ms and every call answered on time). Calls per core =
 *    N / cores used; memory per call = (RSS − idle RSS) / N. Every call must get its echoes back. Targets over LiveKit:
 *    ≥ 20 calls per core at ≤ 40 MB each.
 * Prints the load average at start, per-round figures and medians; exits 1 when a target is missed or an answer is wrong.
 *
 * Options: --quick (fewer rounds and steps), --sections end,capacity (default both), --rounds N (3), --calls N (15
 * per round and transport), --steps 10,20 (concurrent calls), --window S (24).
 */
import { cpus, loadavg } from "node:os";
import type { LiveKitConfig } from "../lib/config/livekit-config";
import { startLiveKitServer } from "../lib/testing/livekit-server";
import { LocalTextToSpeech } from "../lib/voice/piper/local-tts";
import { speakToPcm } from "../lib/voice/spoken-audio";
import { goodbyeCall, quietTailFrames, speakingCall, type Transport } from "./livekit-calls";
import { median, percentile } from "./stats";
import { startVoiceServer, type VoiceServerHandle } from "./voice-server-handle";

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const QUICK = process.argv.includes("--quick");
const SECTIONS = argument("sections", "end,capacity").split(",");
const ROUNDS = Number(argument("rounds", QUICK ? "2" : "3"));
const CALLS = Number(argument("calls", QUICK ? "8" : "15"));
const STEPS = argument("steps", QUICK ? "10" : "10,20")
  .split(",")
  .map(Number);
const WINDOW_MS = Number(argument("window", QUICK ? "16" : "24")) * 1000;
const TURN_EVERY_MS = 6_000;
/** A step is served well when the runtime's event loop is this prompt (p99)… */
const MAX_LOOP_DELAY_MS = 50;
/** …and every call got at least this many answers in the window. */
const ANSWERS_EXPECTED = Math.max(1, Math.floor(WINDOW_MS / TURN_EVERY_MS) - 2);
const TRANSPORTS = argument("transports", "livekit,socketio").split(",") as Transport[];
const LABEL: Record<Transport, string> = { livekit: "LiveKit", socketio: "Socket.IO audio" };

const ms = (value: number) => `${value.toFixed(1)} ms`;
const checks: Array<[string, boolean]> = [];

console.log(
  `LiveKit benchmark (issue 12): Node ${process.version}, ${cpus().length} cores, load average at start ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}`,
);
const livekit = await startLiveKitServer();
const config: LiveKitConfig = { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
/** A runtime process of its own, answering over Socket.IO and registered with the LiveKit server as an agent worker. */
const startRuntime = () =>
  startVoiceServer("switchboard", {
    BENCH_LIVEKIT_URL: livekit.url,
    BENCH_LIVEKIT_API_KEY: livekit.apiKey,
    BENCH_LIVEKIT_API_SECRET: livekit.apiSecret,
  });

try {
  if (SECTIONS.includes("end")) {
    const server = await startRuntime();
    await measureEnd(server).finally(() => server.stop());
  }
  if (SECTIONS.includes("capacity")) await measureCapacity();
} finally {
  await livekit.stop();
}

async function measureEnd(server: VoiceServerHandle): Promise<void> {
  console.log(`\n== 1. End: goodbye's last audio frame at the caller → disconnect, ${CALLS} calls per round and transport\n`);
  const target = { config, url: server.url };
  // Piper's output varies by a frame or two between syntheses. Asked for first, the runtime's own "Goodbye." is the
  // audio every call then plays (its reply cache keeps it), so its quiet tail is known exactly, not estimated.
  const quietTail = quietTailFrames(await server.speak("Goodbye."));
  console.log(`"Goodbye." as the runtime plays it ends with ${quietTail * 20} ms of near-silence, counted as goodbye audio\n`);
  const p95s: Record<Transport, number[]> = { livekit: [], socketio: [] };
  const p50s: Record<Transport, number[]> = { livekit: [], socketio: [] };
  const problems: string[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const line: string[] = [];
    for (const transport of TRANSPORTS) {
      const figures: number[] = [];
      for (let call = 0; call < CALLS; call += 1) {
        const result = await goodbyeCall(transport, target, quietTail).catch((error: unknown) => ({
          problem: error instanceof Error ? error.message.slice(0, 200) : String(error),
          lastFrameToDisconnectMs: undefined,
        }));
        if (result.lastFrameToDisconnectMs === undefined) problems.push(`${LABEL[transport]}: ${result.problem}`);
        else figures.push(result.lastFrameToDisconnectMs);
      }
      const sorted = figures.toSorted((a, b) => a - b);
      const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
      p50s[transport].push(p50);
      p95s[transport].push(p95);
      line.push(`${LABEL[transport]} p50 ${ms(p50)} p95 ${ms(p95)} (${figures.length} calls)`);
    }
    console.log(`round ${round}: ${line.join("; ")}; load ${loadavg()[0]!.toFixed(2)}`);
  }
  for (const transport of TRANSPORTS)
    console.log(`median over rounds, ${LABEL[transport]}: p50 ${ms(median(p50s[transport]))}, p95 ${ms(median(p95s[transport]))}`);
  console.log(`LiveKit / Socket.IO p95: ${(median(p95s.livekit) / median(p95s.socketio)).toFixed(2)}×`);
  for (const problem of problems.slice(0, 10)) console.log(`wrong ending: ${problem}`);
  checks.push(["every call ended correctly (the goodbye, end completed, then the close)", problems.length === 0]);
  checks.push(["LiveKit last frame → Disconnected p95 ≤ 50 ms", median(p95s.livekit) <= 50]);
}

async function measureCapacity(): Promise<void> {
  console.log(`\n== 2. Capacity: concurrent calls saying a line every ${TURN_EVERY_MS / 1000} s for ${WINDOW_MS / 1000} s\n`);
  const tts = new LocalTextToSpeech({ threads: 1 });
  const line = await speakToPcm(tts, "Yes.");
  await tts.close();
  const perCore: Record<Transport, number[]> = { livekit: [], socketio: [] };
  const perCallMb: Record<Transport, number[]> = { livekit: [], socketio: [] };
  let allAnswered = true;
  for (const count of STEPS) {
    for (const transport of TRANSPORTS) {
      // A fresh runtime for each figure: memory a process has once grown to is not given back, and would hide the next.
      const server = await startRuntime();
      const target = { config, url: server.url };
      const idle = await server.load();
      const calls = await Promise.all(Array.from({ length: count }, () => speakingCall(transport, target, line, TURN_EVERY_MS)));
      await server.reset();
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const busy = await server.load();
      const echoes = calls.map((call) => call.echoes());
      await Promise.all(calls.map((call) => call.stop()));
      await server.stop();
      const cores = busy.cpuCores;
      const mbPerCall = (busy.rssMb - idle.rssMb) / count;
      const unanswered = echoes.filter((echoed) => echoed === 0).length;
      allAnswered &&= unanswered === 0;
      // Calls per core only count where the calls were served well: past that the runtime is short of CPU (the
      // callers share the machine), and count / cores would grow with the starving, not with efficiency.
      const served = busy.delayP99Ms <= MAX_LOOP_DELAY_MS && Math.min(...echoes) >= ANSWERS_EXPECTED;
      perCore[transport].push(served ? count / cores : Number.NaN);
      // A step not served says what the runtime complained of (engines busy, audio dropped, a failed call).
      if (!served) for (const warning of [...new Set(server.warnings)].slice(0, 8)) console.log(`    runtime: ${warning.slice(0, 300)}`);
      perCallMb[transport].push(mbPerCall);
      console.log(
        `${String(count).padStart(3)} ${LABEL[transport].padEnd(15)} runtime ${cores.toFixed(2)} cores → ${(count / cores).toFixed(1)} calls/core; ` +
          `RSS ${idle.rssMb.toFixed(0)} → ${busy.rssMb.toFixed(0)} MB = ${mbPerCall.toFixed(1)} MB/call ` +
          `(JS heap ${idle.heapMb.toFixed(0)} → ${busy.heapMb.toFixed(0)} MB, external ${idle.externalMb.toFixed(0)} → ${busy.externalMb.toFixed(0)} MB); ` +
          `echoes per call median ${median(echoes)}, fewest ${Math.min(...echoes)}; event-loop delay p99 ${ms(busy.delayP99Ms)}; ` +
          `load ${loadavg()[0]!.toFixed(2)}${served ? "" : " (overloaded: not counted)"}`,
      );
    }
  }
  const best = (transport: Transport) => Math.max(...perCore[transport].filter((value) => !Number.isNaN(value)), 0);
  for (const transport of TRANSPORTS)
    console.log(`${LABEL[transport]}: ${best(transport).toFixed(1)} calls per core at the largest step served well`);
  const top = STEPS.length - 1;
  console.log(
    `at ${STEPS[top]} calls, LiveKit / Socket.IO: memory per call ${(perCallMb.livekit[top]! / Math.max(perCallMb.socketio[top]!, 0.1)).toFixed(2)}×`,
  );
  checks.push(["every call got its echoes", allAnswered]);
  checks.push(["LiveKit ≥ 20 calls per core, served well", best("livekit") >= 20]);
  checks.push([`LiveKit ≤ 40 MB per call at ${STEPS[top]} calls`, perCallMb.livekit[top]! <= 40]);
}

console.log("");
for (const [what, passed] of checks) console.log(`${passed ? "PASS" : "FAIL"} ${what}`);
process.exit(checks.every(([, passed]) => passed) ? 0 : 1);
