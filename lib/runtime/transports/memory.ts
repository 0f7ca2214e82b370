import type { Reply } from "../outputs";
import type { SessionEvent } from "../session-events";
import type { SessionEndInfo, SessionTransport } from "../transport";

/** What an in-memory client saw, in order: the shape the End contract is asserted on. */
export type MemoryTransportRecord = { type: "reply"; text: string } | { type: "end"; end: SessionEndInfo } | { type: "close" };

/**
 * A transport with no network: records what a client would have received. Used by the engine's tests,
 * by code-handler tests and by the engine benchmark.
 */
export class MemoryTransport implements SessionTransport {
  readonly kind = "memory";
  readonly records: MemoryTransportRecord[] = [];
  readonly traces: SessionEvent[] = [];
  closed = false;

  constructor(private readonly options: { keepTraces?: boolean; deliveryDelayMs?: number } = {}) {}

  /** At once, as over a socket; or after `deliveryDelayMs`, as a voice transport waits for playback. */
  deliver(reply: Reply): Promise<void> | void {
    const delay = this.options.deliveryDelayMs;
    if (!delay) {
      this.records.push({ type: "reply", text: reply.text });
      return;
    }
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        this.records.push({ type: "reply", text: reply.text });
        resolve();
      }, delay),
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
