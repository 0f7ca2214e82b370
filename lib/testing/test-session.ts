import type { Handler } from "../runtime/handler";
import { Session, type SessionOptions } from "../runtime/session";
import { RuntimeEvents, type SessionEvent } from "../runtime/session-events";
import type { SessionTransport } from "../runtime/transport";
import { ManualClock } from "./manual-clock";

/** Session options a test may set beside its handler and transport (the clock is always a ManualClock). */
export type TestSessionOptions = Omit<SessionOptions, "meta" | "handler" | "transport" | "events" | "clock">;

/**
 * A running session for a runtime test: on a manual clock, every event it publishes collected in `log`, `done` the
 * promise of its run.
 */
export function startTestSession<Transport extends SessionTransport>(
  handler: Handler,
  transport: Transport,
  options: TestSessionOptions = {},
) {
  const clock = new ManualClock();
  const events = new RuntimeEvents();
  const log: SessionEvent[] = [];
  events.subscribe((_id, event) => log.push(event));
  const session = new Session({
    meta: { sessionId: "s", source: { kind: "code", name: "test" }, transport: "memory" },
    handler,
    transport,
    events,
    clock,
    ...options,
  });
  return { session, transport, clock, log, done: session.run() };
}
