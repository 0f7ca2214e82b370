import { performance } from "node:perf_hooks";
import { compileFlow } from "../lib/runtime/compile-flow";
import { flowHandler } from "../lib/runtime/flow-handler";
import { Session } from "../lib/runtime/session";
import { RuntimeEvents } from "../lib/runtime/session-events";
import type { Reply } from "../lib/runtime/outputs";
import type { SessionEvent } from "../lib/runtime/session-events";
import type { SessionEndInfo, SessionTransport } from "../lib/runtime/transport";
import { STAGES, switchboardBenchFlow, UTTERANCES } from "./engine-flow";

/** Something that runs whole turns one at a time and records how long each took. */
export interface TurnRunner {
  readonly name: string;
  /** Runs `turns` turns back to back; appends each turn's duration (µs) to `samples`; returns the wall time (µs). */
  runTurns(turns: number, samples: number[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * A transport that, like the Socket.IO one, hands each reply on and keeps nothing: it counts the replies and holds
 * the latest, which is all the round's check needs. MemoryTransport keeps a record per reply until the round's end,
 * ~800 KB a round surviving young-generation collections, a cost no production transport has.
 */
class CountingTransport implements SessionTransport {
  readonly kind = "bench";
  delivered = 0;
  lastReply = "";
  closed = false;

  /** Synchronous, as the Socket.IO transport's: a reply written to a socket is delivered. */
  deliver(reply: Reply): void {
    this.delivered += 1;
    this.lastReply = reply.text;
  }

  /** A client that did not ask for traces, as the benchmark's Socket.IO callers do not. */
  readonly wantsTraces = false;

  trace(event: SessionEvent): void {
    void event;
  }

  async sendEnd(end: SessionEndInfo): Promise<void> {
    void end;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * Drives one Switchboard session through the real path: Session + flowHandler + a SessionTransport. A turn starts
 * when the utterance is handed to `session.receive` and ends when the flow is back at its listen (the
 * `listen.started` event), its replies delivered to the transport.
 */
export async function startSwitchboard(): Promise<TurnRunner> {
  const flow = compileFlow(switchboardBenchFlow());
  const events = new RuntimeEvents();
  const transport = new CountingTransport();
  let turnDone: (() => void) | null = null;
  let turnFailed: ((error: Error) => void) | null = null;
  events.subscribe((_sessionId, event) => {
    // A session that ends mid-benchmark (a limit, a bug) must fail the run, not leave it waiting with nothing to do.
    if (event.type === "session.ended") turnFailed?.(new Error(`the benchmark session ended: ${event.reason} ${event.message ?? ""}`));
    if (event.type !== "listen.started" || !turnDone) return;
    const done = turnDone;
    turnDone = null;
    done();
  });
  const session = new Session({
    meta: { sessionId: "bench", source: { kind: "code", name: "engine-bench" }, transport: transport.kind },
    handler: flowHandler(flow, { variables: { count: 0 } }),
    transport,
    events,
  });
  const untilListening = () =>
    new Promise<void>((resolve, reject) => {
      turnDone = resolve;
      turnFailed = reject;
    });
  const firstListen = untilListening();
  const ended: Promise<SessionEndInfo> = session.run();
  await firstListen;
  let next = 0;

  return {
    name: "Switchboard",
    async runTurns(turns, samples) {
      const began = performance.now();
      for (let turn = 0; turn < turns; turn += 1) {
        const text = UTTERANCES[next % UTTERANCES.length] as string;
        next += 1;
        const listening = untilListening();
        const start = performance.now();
        session.receive({ type: "utterance", text });
        await listening;
        samples.push((performance.now() - start) * 1000);
      }
      const wall = (performance.now() - began) * 1000;
      checkReplies(transport, turns, next * STAGES);
      return wall;
    },
    async close() {
      session.receive({ type: "hangup" });
      await ended;
    },
  };
}

/**
 * Each turn must have produced one reply per stage, the last one showing the count the set nodes reached (one per
 * stage per turn): proof all ten nodes ran. The count then starts again for the next call.
 */
function checkReplies(transport: CountingTransport, turns: number, expectedCount: number): void {
  const delivered = transport.delivered;
  // The first call also counts the greeting.
  if (delivered !== turns * STAGES && delivered !== turns * STAGES + 1)
    throw new Error(`Switchboard: expected ${turns * STAGES} replies, got ${delivered}`);
  const last = transport.lastReply;
  if (!last.startsWith(`Step ${expectedCount}: you said "`)) throw new Error(`Switchboard: unexpected reply ${JSON.stringify(last)}`);
  transport.delivered = 0;
}
