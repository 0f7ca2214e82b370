import type { Reply } from "../runtime/outputs";
import type { Playout, PlayoutResult } from "../runtime/playout";
import { MemoryTransport } from "../runtime/transports/memory";

/** A reply whose playout the test drives: it confirms it, stops it part way, or never answers. */
export class ManualPlayout implements Playout {
  readonly finished: Promise<PlayoutResult>;
  /** Set when the reply is streamed (`streamed: true`): resolves once `synthesised()` says how long it is. */
  readonly durationKnown?: Promise<void>;
  /** How many times the session asked to stop it. */
  interruptRequests = 0;
  private resolve: (result: PlayoutResult) => void = () => undefined;
  private known: () => void = () => undefined;
  private streamedMs: number | undefined;

  constructor(
    readonly reply: Reply,
    private readonly options: { durationMs?: number; heardWhenInterruptedMs?: number; streamed?: boolean } = {},
  ) {
    this.finished = new Promise<PlayoutResult>((resolve) => {
      this.resolve = resolve;
    });
    if (options.streamed) this.durationKnown = new Promise<void>((resolve) => (this.known = resolve));
  }

  get durationMs(): number | undefined {
    return this.options.streamed ? this.streamedMs : this.options.durationMs;
  }

  /** A streamed reply's last frame was sent: its length is now known. */
  synthesised(durationMs: number): void {
    this.streamedMs = durationMs;
    this.known();
  }

  /** The client says it played to its end. */
  confirm(): void {
    this.resolve({ interrupted: false, playbackPositionMs: this.options.durationMs ?? 0 });
  }

  /** The client says it stopped after `positionMs` of audio. */
  stoppedAt(positionMs: number): void {
    this.resolve({ interrupted: true, playbackPositionMs: positionMs });
  }

  /** Stops at once where `heardWhenInterruptedMs` says, or (without it) leaves the stop unconfirmed. */
  interrupt(): void {
    this.interruptRequests += 1;
    const heard = this.options.heardWhenInterruptedMs;
    if (heard !== undefined) this.stoppedAt(heard);
  }
}

/** A memory transport over which every reply is a ManualPlayout, kept in `playouts` in delivery order. */
export class PlayoutTransport extends MemoryTransport {
  readonly playouts: ManualPlayout[] = [];

  constructor(
    private readonly playoutOptions: {
      durationMs?: number;
      heardWhenInterruptedMs?: number;
      streamed?: boolean;
      keepTraces?: boolean;
    } = {},
  ) {
    super({ keepTraces: playoutOptions.keepTraces });
  }

  override deliver(reply: Reply): ManualPlayout {
    this.records.push({ type: "reply", text: reply.text });
    const playout = new ManualPlayout(reply, this.playoutOptions);
    this.playouts.push(playout);
    return playout;
  }

  /** The latest playout handed out. */
  get playing(): ManualPlayout {
    const latest = this.playouts.at(-1);
    if (!latest) throw new Error("nothing has been delivered yet");
    return latest;
  }
}
