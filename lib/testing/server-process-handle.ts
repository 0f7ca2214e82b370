import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LiveKitCallGrant } from "../server/session-control";

/** What lib/testing/server-process.ts prints once it serves. */
export interface ServerProcessInfo {
  url: string;
  databaseUrl: string;
  flowId: string;
  pid: number;
  /** With SWITCHBOARD_TEST_LIVEKIT_CALL=1: the call it started in a LiveKit room. */
  livekitCall?: LiveKitCallGrant;
}

/** A server started in a process of its own (lib/testing/server-process.ts), to be killed for real by fault tests. */
export class ServerProcessHandle {
  private output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly info: ServerProcessInfo,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once("exit", (code, signal) => resolve({ code, signal }));
    });
  }

  /** Starts one with these environment variables over the test's own; resolves once it serves. */
  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcessHandle> {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("lib/testing/server-process.ts")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const info = await new Promise<ServerProcessInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // Its own line comes first in its output, but @livekit/rtc-node's native part logs JSON lines to stdout too.
        const line = output.split("\n").find((candidate) => candidate.startsWith('{"url":'));
        if (!line) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as ServerProcessInfo);
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${signal ?? code}) before serving:\n${output}`));
      });
    });
    const handle = new ServerProcessHandle(child, info);
    handle.output = output;
    child.stdout?.on("data", (chunk: Buffer) => (handle.output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (handle.output += chunk.toString()));
    return handle;
  }

  /** Everything it printed so far. */
  get log(): string {
    return this.output;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
