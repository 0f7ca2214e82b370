/** Runs a CallersJob in caller processes of their own (up to 250 callers each) and pools what they measured. */
import { fork } from "node:child_process";
import path from "node:path";
import type { CallersJob, CallersResult } from "./voice-callers";

const CALLERS_PER_PROCESS = 250;

export async function runCallers(job: CallersJob): Promise<CallersResult> {
  const processes = Math.max(1, Math.ceil(job.count / CALLERS_PER_PROCESS));
  const parts = await Promise.all(
    Array.from({ length: processes }, (_, index) => {
      const count = Math.floor(job.count / processes) + (index < job.count % processes ? 1 : 0);
      const child = fork(path.join(import.meta.dirname, "voice-callers.ts"), [], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const killOnExit = () => child.kill("SIGKILL");
      process.once("exit", killOnExit);
      child.once("exit", () => process.off("exit", killOnExit));
      return new Promise<CallersResult>((resolve, reject) => {
        child.once("message", (result: CallersResult) => resolve(result));
        child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`a callers process exited (${code})`))));
        child.send({ ...job, count } satisfies CallersJob);
      });
    }),
  );
  return {
    connected: sum(parts.map((part) => part.connected)),
    replies: sum(parts.map((part) => part.replies)),
    silentReplies: sum(parts.map((part) => part.silentReplies)),
    completedReplies: sum(parts.map((part) => part.completedReplies)),
    failed: parts.flatMap((part) => part.failed),
    wrong: parts.flatMap((part) => part.wrong),
    markToDisconnect: parts.flatMap((part) => part.markToDisconnect),
    lateness: parts.flatMap((part) => part.lateness),
    replyStart: parts.flatMap((part) => part.replyStart),
    sendLateness: parts.flatMap((part) => part.sendLateness),
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
