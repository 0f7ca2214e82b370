/** Starts bench/voice-server.ts in its own process and talks to it over IPC (one request of a type at a time). */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { VoiceTimingMark } from "../lib/voice/pipeline/voice-pipeline";

export interface VoiceServerLoad {
  delayP99Ms: number;
  delayMaxMs: number;
  cpuCores: number;
  sessions: number;
  /** The process's resident memory now, and of it the JavaScript heaps' live objects and memory outside them. */
  rssMb: number;
  heapMb: number;
  externalMb: number;
}

export interface VoiceServerHandle {
  url: string;
  mode: "switchboard" | "bare";
  /** Restarts the event-loop and CPU figures and forgets the timings: what follows is what is measured. */
  reset(): Promise<void>;
  /** Each socket's turn steps (wall-clock ms), by socket id. */
  timings(): Promise<Record<string, VoiceTimingMark[]>>;
  load(): Promise<VoiceServerLoad>;
  /**
   * `text` as the runtime's own speech says it. The runtime keeps replies it has spoken (ReplyAudioCache), so a line
   * asked for before the calls is the very audio every call of that line then plays.
   */
  speak(text: string): Promise<Int16Array>;
  /** Lines the server wrote to stderr (the pipeline's warnings: engines busy, audio dropped). */
  warnings: string[];
  stop(): Promise<void>;
}

export async function startVoiceServer(mode: "switchboard" | "bare", env: Record<string, string> = {}): Promise<VoiceServerHandle> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "voice-server.ts"), [mode], {
    // BENCH_CPU_PROFILE_DIR=dir writes the runtime's CPU profile there when it stops (open it in Chrome's DevTools).
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  const warnings: string[] = [];
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => warnings.push(...chunk.split("\n").filter(Boolean)));
  // A failed run must not leave its server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stopping = false;
  child.once("exit", (code, signal) => {
    process.off("exit", killOnExit);
    // A runtime that dies mid-run is a finding: say how, with its last words, before the parent trips over the channel.
    if (!stopping) console.error(`voice ${mode} server died (${signal ?? `exit ${code}`}):\n${warnings.slice(-20).join("\n")}`);
  });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve(message));
    child.once("exit", (code) => reject(new Error(`voice ${mode} server exited (${code}): ${warnings.slice(-5).join("\n")}`)));
  });
  const waiting = new Map<string, Array<(message: unknown) => void>>();
  child.on("message", (message: { type: string }) => waiting.get(message.type)?.shift()?.(message));
  const request = <T>(type: string, payload: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const queue = waiting.get(type) ?? [];
      waiting.set(type, queue);
      queue.push(resolve as (message: unknown) => void);
      child.send({ type, ...payload });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    mode,
    warnings,
    reset: async () => void (await request("reset")),
    timings: async () => (await request<{ timings: Record<string, VoiceTimingMark[]> }>("timings")).timings,
    load: () => request<VoiceServerLoad>("loop"),
    async speak(text) {
      const { pcm } = await request<{ pcm: string }>("speak", { text });
      const bytes = Buffer.from(pcm, "base64");
      // Copied out: a small Buffer sits in a shared pool at an offset an Int16Array may not start at.
      return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    },
    async stop() {
      stopping = true;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      await exited;
    },
  };
}
