/**
 * bench:voice's load sections, each against the runtime and a bare Socket.IO server speaking the same voice protocol
 * (voice-server.ts), with the callers in processes of their own (voice-callers.ts defines what they measure):
 * - End at scale: N callers streaming silence type "bye"; playout mark → disconnect of the goodbye, per round;
 * - streaming sessions: N callers streaming for a window; the lateness of every reply frame, at growing N, with
 *   silence (the VAD runs, the recogniser never starts) and with a looped spoken line (the recogniser on every call).
 */
import { summarize, type Summary } from "./stats";
import type { CallersResult } from "./voice-callers";
import { runCallers } from "./voice-load";
import { startVoiceServer, type VoiceServerLoad } from "./voice-server-handle";

export interface ScaleRun {
  mode: "switchboard" | "bare";
  result: CallersResult;
  load: VoiceServerLoad;
  /** The pipeline's warnings the server logged (engines busy: caller audio dropped, replies unspoken). */
  warnings: string[];
}

async function onServer(mode: "switchboard" | "bare", job: (url: string) => Parameters<typeof runCallers>[0]): Promise<ScaleRun> {
  const server = await startVoiceServer(mode);
  await server.reset();
  const result = await runCallers(job(server.url));
  const load = await server.load();
  // Before stopping: the engines' threads closing under the last calls is not a warning about the run.
  const warnings = [...server.warnings];
  await server.stop();
  return { mode, result, load, warnings };
}

/** One End round on one server: `callers` connect over `rampMs`, stream silence, and say bye within `thinkMs`. */
export function endRound(mode: "switchboard" | "bare", callers: number, rampMs: number, thinkMs: number): Promise<ScaleRun> {
  return onServer(mode, (url) => ({ url, flowId: "goodbye", scenario: "goodbye", count: callers, rampMs, windowMs: 0, thinkMs }));
}

/** One streaming step on one server: `callers` connect over `rampMs` and stream for `windowMs` more. */
export function streamingStep(
  mode: "switchboard" | "bare",
  callers: number,
  options: { rampMs: number; windowMs: number; speechFile?: string },
): Promise<ScaleRun> {
  return onServer(mode, (url) => ({ url, flowId: "stream", scenario: "stream", count: callers, thinkMs: 0, ...options }));
}

/** p99 of the reply frames' lateness, the streaming target's figure. */
export const latenessOf = (run: ScaleRun): Summary => summarize(run.result.lateness);

/** The distinct warnings, each with how often it came. */
export function warningCounts(warnings: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of warnings) {
    const key = line.replace(/\d+/g, "N").slice(0, 140);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => `${count}× ${line}`);
}
