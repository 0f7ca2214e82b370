import type { Reply } from "../outputs";
import type { Playout, PlayoutResult } from "../playout";
import type { SessionEvent } from "../session-events";
import type { SessionEndInfo, SessionTransport } from "../transport";

/** What an in-memory client saw, in order: the shape the End contract is asserted on. */
export type MemoryTransportRecord =
  { type: "reply"; text: string; interrupted?: true } | { type: "end"; end: SessionEndInfo } | { type: "close" };

export interface MemoryTransportOptions {
  keepTraces?: boolean;
  /** Plays each reply for this long before it counts as delivered, as a voice transport waits for playback. */
  deliveryDelayMs?: number;
}

/**
 * A transport with no network: records what a client would have received. Used by the engine's tests,
 * by code-handler tests and by the engine benchmark.
 */
export class MemoryTransport implements SessionTransport {
  readonly kind: string = "memory";
  readonly records: MemoryTransportRecord[] = [];
  readonly traces: SessionEvent[] = [];
  closed = false;

  constructor(private readonly options: MemoryTransportOptions = {}) {}

  /** At once, as over a socket; or played for `deliveryDelayMs` (and recorded then), as over voice. */
  deliver(reply: Reply): Playout | void {
    const delay = this.options.deliveryDelayMs;
    if (!delay) {
      this.records.push({ type: "reply", text: reply.text });
      return;
    }
    return new TimedPlayout(delay, (result) =>
      this.records.push(result.interrupted ? { type: "reply", text: reply.text, interrupted: true } : { type: "reply", text: reply.text }),
    );
  }

  get wantsTraces(): boolean {
    return this.options.keepTraces === true;
  }

  trace(event: SessionEvent): void {
    this.traces.push(event);
  }

  async sendEnd(end: SessionEndInfo): Promise<void> {
    this.records.push({ type: "end", end });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.records.push({ type: "close" });
  }

  /** The replies so far, as text. */
  get replies(): string[] {
    return this.records.flatMap((record) => (record.type === "reply" ? [record.text] : []));
  }
}

/** A reply that plays for a fixed time on the real clock, or until interrupted. */
class TimedPlayout implements Playout {
  readonly finished: Promise<PlayoutResult>;
  private readonly startedAt = Date.now();
  private end: (interrupted: boolean) => void = () => undefined;

  constructor(
    readonly durationMs: number,
    played: (result: PlayoutResult) => void,
  ) {
    this.finished = new Promise<PlayoutResult>((resolve) => {
      const timer = setTimeout(() => this.end(false), durationMs);
      let ended = false;
      this.end = (interrupted) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        const result = { interrupted, playbackPositionMs: interrupted ? Math.min(durationMs, Date.now() - this.startedAt) : durationMs };
        played(result);
        resolve(result);
      };
    });
  }

  interrupt(): void {
    this.end(true);
  }
}
