import type { RunningServer } from "./start-server";

/** Longest a graceful stop may take: the calls' goodbyes and the log's last writes, then the process exits anyway. */
const STOP_DEADLINE_MS = 20_000;

/**
 * SIGINT/SIGTERM end every live session through the End path (reason `shutdown`) before the process exits. A stop
 * that hangs (a database or Redis that does not answer) ends after STOP_DEADLINE_MS with exit code 1; a second
 * signal exits at once.
 */
export function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: ending live sessions and stopping…`);
    setTimeout(() => {
      console.error(`Stopping took longer than ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Stopping failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
