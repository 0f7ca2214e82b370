import { setPriority } from "node:os";

/**
 * Lowers the calling thread's scheduling priority (Linux: the nice value belongs to the thread, and pid 0 means the
 * calling one). For threads whose work can wait while callers cannot: on a busy machine the scheduler then gives the
 * core to the event loop that runs the calls first. Elsewhere, or if refused, the thread keeps its priority.
 */
export function lowerThisThreadsPriority(nice = 10): void {
  try {
    setPriority(0, nice);
  } catch {
    // Not permitted here: everything works, only without the hint.
  }
}
