import type { RunningServer } from "./start-server";

/** SIGINT/SIGTERM end every live session through the End path (reason `shutdown`) before the process exits. */
export function stopOnSignals(server: RunningServer): void {
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: ending live sessions and stopping…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Stopping failed:", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
