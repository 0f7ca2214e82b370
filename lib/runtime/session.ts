import { NodeExecutionError, SessionClosedError } from "./errors";
import type { Call, Handler } from "./handler";
import { END_REASONS, EndStream, type HandlerOutput, type Reply } from "./outputs";
import { BurstClock } from "./burst-clock";
import { systemClock, type Clock } from "./clock";
import { ListenWait } from "./listen-wait";
import type { Delivery, Playout } from "./playout";
import { PlayoutWatch, type PlayoutBounds, type PlayoutObserver } from "./playout-watch";
import type { RuntimeEvents, SessionEventBody, SessionMeta } from "./session-events";
import {
  InputRejectedError,
  utteranceOf,
  type PartialTranscript,
  type SessionInput,
  type Utterance,
  type UtteranceRetracted,
} from "./session-input";
import { stampEvent } from "./stamp-event";
import type { SessionEndInfo, SessionTransport } from "./transport";
import { TurnSettling } from "./turn-settling";

export interface SessionOptions {
  meta: SessionMeta;
  handler: Handler;
  transport: SessionTransport;
  events: RuntimeEvents;
  clock?: Clock;
  /** Utterances (final transcripts) that may wait while the handler is busy; more are refused with `busy`. */
  maxQueuedUtterances?: number;
  /**
   * Partial transcripts closer together than this are not logged: each one carries the whole turn so far, so the next
   * one logged loses nothing, and a recogniser's dozen partials a second cannot flood the log. Default 250 ms.
   */
  minPartialIntervalMs?: number;
  /** How much longer than a reply's audio the session waits for its playout to be confirmed. Default 2,000 ms. */
  playoutMarginMs?: number;
  /** How long it waits for a playout whose length the transport does not know. Default 30,000 ms. */
  playoutTimeoutMs?: number;
  /**
   * The longest an End waits for a provisional utterance to be settled or taken back (turn-settling.ts). Default
   * 6,000 ms: past the longest end-of-speech silence a Listen may set (5,000 ms), as a pipeline settles one after it.
   */
  settleTimeoutMs?: number;
}

/** No reply playing (one set for all: a text session hears thousands of utterances). */
const NOTHING_PLAYING: ReadonlySet<PlayoutWatch> = new Set();

export type SessionState = "created" | "running" | "ending" | "ended";

/**
 * One caller's conversation. Drives a handler, delivers its replies through a transport, and ends exactly one
 * way whatever the cause (End node, hang-up, timeout, error, operator): goodbye delivered → `end` sent →
 * connection closed → every timer, listener and generator released. See lib/runtime/README.md.
 */
export class Session {
  readonly id: string;
  readonly meta: SessionMeta;
  private stateValue: SessionState = "created";
  private seq = 0;
  /** Utterances that came while no listen was waiting, oldest first. */
  private readonly queue: string[] = [];
  /** Whether the handler's last (or the newest queued) utterance may still be taken back. */
  private readonly settling: TurnSettling;
  /** What was playing when the handler heard a provisional utterance: not a reply to it, so a take-back leaves it. */
  private playingBeforeAnswer: ReadonlySet<PlayoutWatch> = NOTHING_PLAYING;
  private readonly listening: ListenWait;
  /** When the last partial transcript was logged, and its text (see minPartialIntervalMs). */
  private partialAt = -Infinity;
  private partialText = "";
  /** Replies being played out (voice transports only), made on first use: text transports deliver as they send. */
  private playing: Set<PlayoutWatch> | null = null;
  private readonly playoutBounds: PlayoutBounds;
  /** Logs each playout as it settles, before whatever the handler does next. */
  private readonly playoutObserver: PlayoutObserver = {
    settled: (watch, settlement) => {
      this.playing?.delete(watch);
      this.emit(watch.deliveredEvent(settlement));
    },
    failed: (watch) => {
      this.playing?.delete(watch);
    },
  };
  /**
   * The handler's abort signal, made on first use: most handlers (flows) never look at it, and aborting a controller
   * dispatches an `abort` Event even with no listener, ~20 µs per session. `abortReason` is set when the session ends.
   */
  private abortController: AbortController | null = null;
  private abortReason: string | null = null;
  /** Set once something from outside (hang-up, operator) ends the session. */
  private interruption: EndStream | null = null;
  /** Wakes the one wait in progress when an interruption comes. */
  private wake: ((end: EndStream) => void) | null = null;
  private endInfo: SessionEndInfo | null = null;
  private readonly clock: Clock;
  private readonly maxQueued: number;
  private readonly minPartialIntervalMs: number;
  /** The transport, if its client wants the log as it happens (see SessionTransport.wantsTraces). */
  private readonly traceTransport: SessionTransport | null;
  /** The log's clock (see burst-clock.ts). */
  private readonly logClock: BurstClock;
  constructor(private readonly options: SessionOptions) {
    this.id = options.meta.sessionId;
    this.meta = options.meta;
    this.clock = options.clock ?? systemClock;
    this.maxQueued = options.maxQueuedUtterances ?? 16;
    this.minPartialIntervalMs = options.minPartialIntervalMs ?? 250;
    this.logClock = new BurstClock(this.clock);
    this.listening = new ListenWait(this.clock);
    this.settling = new TurnSettling(this.clock, options.settleTimeoutMs ?? 6_000);
    this.playoutBounds = { marginMs: options.playoutMarginMs ?? 2_000, timeoutMs: options.playoutTimeoutMs ?? 30_000 };
    this.traceTransport = options.transport.wantsTraces ? options.transport : null;
  }

  get state(): SessionState {
    return this.stateValue;
  }

  /** How it ended, once it has. */
  get end(): SessionEndInfo | null {
    return this.endInfo;
  }

  /** Whether a listen timer is armed right now (tests assert none is left behind). */
  get hasPendingTimer(): boolean {
    return this.listening.hasTimer || this.settling.hasTimer;
  }

  /**
   * Feeds one caller event. An utterance completes the pending listen, or waits in a bounded queue; voice activity
   * and partial transcripts are logged and steer the listen's timeout, and never wait. Throws InputRejectedError for an
   * utterance the session cannot take; voice events that come once the session is ending are dropped.
   */
  receive(input: SessionInput): void {
    switch (input.type) {
      case "utterance":
        this.hear(input);
        return;
      case "hangup":
        this.hangUp();
        return;
      case "utterance.retracted":
        this.retract(input);
        return;
      case "utterance.settled":
        this.settling.settle();
        return;
      case "transcript.partial":
        this.hearPartial(input);
        return;
      case "speech.started":
        if (this.open && this.listening.speechStarted()) {
          this.forgetPartial();
          this.emit(input);
          this.bargeIn();
        }
        return;
      case "speech.ended":
        if (this.open && this.listening.speaking) {
          this.emit(input);
          this.listening.speechEnded(this.logClock.now());
        }
        return;
    }
  }

  /** The caller has gone: the session ends, or, when it is saying its goodbye, stops waiting for that at once. */
  private hangUp(): void {
    if (this.stateValue === "ending") this.abandonPlayouts();
    else this.interrupt(new EndStream({ reason: END_REASONS.hangup }));
  }

  private hear(utterance: Utterance): void {
    if (this.stateValue !== "running") throw new InputRejectedError("session_not_running", "The session is not listening any more");
    this.emit(utterance);
    this.forgetPartial();
    const provisional = utterance.provisional === true;
    if (this.listening.hear(utterance.text, provisional)) {
      this.heard(provisional);
      return;
    }
    if (this.queue.length >= this.maxQueued) throw new InputRejectedError("busy", "Too many messages at once; wait for the reply");
    this.queue.push(utterance.text);
    this.settling.queued(provisional);
  }

  /**
   * The caller went on with the turn the last utterance was answered on: what was said in answer stops, interruptible
   * or not (the caller had not finished), and the handler hears of it from the call it waits in (a listen at once, a
   * delivery once its playout has stopped) or makes next. One still queued is dropped: the handler never saw it.
   */
  private retract(input: UtteranceRetracted): void {
    if (!this.open) return;
    const taken = this.settling.retract();
    if (taken === null) return;
    this.emit(input);
    if (taken === "queued") {
      // The handler never saw it: nothing was said in answer.
      this.queue.pop();
      return;
    }
    if (this.playing !== null) for (const watch of [...this.playing]) if (!this.playingBeforeAnswer.has(watch)) watch.interrupt();
    const error = this.listening.pending ? this.settling.take() : null;
    if (error) this.listening.fail(error);
  }

  /** The handler heard an utterance: a provisional one may be taken back, and the replies to it with it. */
  private heard(provisional: boolean): void {
    this.settling.heard(provisional);
    this.playingBeforeAnswer = provisional && this.playing !== null ? new Set(this.playing) : NOTHING_PLAYING;
  }

  private hearPartial(partial: PartialTranscript): void {
    if (!this.open || partial.text === this.partialText) return;
    const now = this.logClock.now();
    if (now - this.partialAt < this.minPartialIntervalMs) return;
    this.partialAt = now;
    this.partialText = partial.text;
    this.emit(partial);
  }

  /** A new stretch of speech: its first partial is logged at once, whatever the last one said. */
  private forgetPartial(): void {
    this.partialAt = -Infinity;
    this.partialText = "";
  }

  /** The caller speaks: interruptible replies being played stop where they are. */
  private bargeIn(): void {
    if (this.playing === null) return;
    for (const watch of this.playing) if (watch.reply.interruptible) watch.interrupt();
  }

  /** Ends the session from outside (operator, shutdown) through the same End path, with an optional goodbye. */
  terminate(reason: string, options: { goodbye?: string; message?: string } = {}): void {
    this.interrupt(new EndStream({ reason, goodbye: options.goodbye, message: options.message }));
  }

  /** Runs the conversation to its end; resolves once the connection is closed and everything released. */
  async run(): Promise<SessionEndInfo> {
    if (this.stateValue !== "created") throw new Error("A session runs once");
    this.stateValue = "running";
    this.emit({ type: "session.started", meta: this.meta });
    const iterator = this.options.handler(this.call())[Symbol.asyncIterator]();
    let end: EndStream;
    try {
      end = await this.pump(iterator);
    } catch (error) {
      end = this.endForError(error);
    }
    await this.finish(end, iterator);
    return this.endInfo as SessionEndInfo;
  }

  /** Pulls the handler's outputs; a yielded reply's delivery is handed back as the value of its `yield`. */
  private async pump(iterator: AsyncIterator<HandlerOutput, unknown, Delivery | undefined>): Promise<EndStream> {
    let delivered: Delivery | undefined;
    for (;;) {
      const result = await this.untilInterrupted(iterator.next(delivered));
      delivered = undefined;
      if (result instanceof EndStream) return result;
      if (result.done) return new EndStream({ reason: END_REASONS.completed });
      const output = result.value;
      if (output instanceof EndStream) return output;
      if (output.type === "reply") {
        const delivering = this.deliver(output);
        if (delivering) delivered = await delivering;
      } else if (output.type === "trace") {
        this.emit(output.event);
      }
    }
  }

  private endForError(error: unknown): EndStream {
    // The session was interrupted under the handler's feet: end as the interruption says (an operator's goodbye too).
    if (error instanceof SessionClosedError) return this.interruption ?? new EndStream({ reason: error.reason });
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof NodeExecutionError) this.emit({ type: "node.failed", nodeId: error.nodeId, message });
    return new EndStream({ reason: END_REASONS.error, message });
  }

  /**
   * The one delivery path, for yielded replies and `call.deliver` alike: logs the reply and hands it to the transport.
   * Returns nothing when the transport delivered it as it sent it (text), so a flow runs from one listen to the next
   * without a promise per reply; else the delivery once the caller has heard it, was cut short, or the wait ran out.
   * Rejects with SessionClosedError when the session ends first.
   */
  private deliver(reply: Reply): Promise<Delivery> | undefined {
    if (!this.open) throw this.closedError();
    const retracted = this.settling.take();
    if (retracted) throw retracted;
    this.emitReply(reply);
    const playout = this.options.transport.deliver(reply);
    if (!playout) return undefined;
    const watch = this.watch(reply, playout);
    // An interruptible reply does not talk over a caller who is speaking already.
    if (reply.interruptible && this.listening.speaking) watch.interrupt();
    return watch.settled.then((settlement) => {
      if (settlement.outcome === "abandoned") throw this.closedError();
      const retractedMeanwhile = this.settling.take();
      if (retractedMeanwhile) throw retractedMeanwhile;
      return settlement;
    });
  }

  /** Watches the playout of the reply just logged (its seq is the session's latest). */
  private watch(reply: Reply, playout: Playout): PlayoutWatch {
    const watch = new PlayoutWatch(reply, this.seq, playout, this.clock, this.playoutBounds, this.playoutObserver);
    (this.playing ??= new Set()).add(watch);
    return watch;
  }

  /** Stops every reply being played, and the waits for them. */
  private abandonPlayouts(): void {
    if (this.playing === null) return;
    for (const watch of [...this.playing]) watch.abandon();
  }

  /** Logs a reply as it is, but for `goodbye`, which marks only the End path's own goodbye (see finish). */
  private emitReply(reply: Reply): void {
    this.emit(reply.goodbye === undefined ? reply : { ...reply, goodbye: undefined });
  }

  /** Whether the handler's outputs still count: not once the session is ending, as the pump stops pulling then. */
  private get open(): boolean {
    return this.stateValue === "running" && this.interruption === null;
  }

  private closedError(): SessionClosedError {
    return new SessionClosedError(this.interruption?.reason ?? String(this.abortReason ?? "ended"));
  }

  /** The End path, the same for every cause. */
  private async finish(end: EndStream, iterator: AsyncIterator<HandlerOutput>): Promise<void> {
    this.stateValue = "ending";
    this.abortReason = end.reason;
    this.abortController?.abort(end.reason);
    this.listening.close(end.reason);
    this.settling.close(end.reason);
    this.abandonPlayouts();
    this.queue.length = 0;
    const { transport } = this.options;
    if (end.goodbye !== undefined && end.reason !== END_REASONS.hangup) await this.deliverGoodbye(end.goodbye);
    this.endInfo = end.message === undefined ? { reason: end.reason } : { reason: end.reason, message: end.message };
    this.emit({ type: "session.ended", ...this.endInfo });
    try {
      await transport.sendEnd(this.endInfo);
    } catch (error) {
      console.error(`[runtime] session ${this.id}: end not sent:`, error);
    }
    try {
      await transport.close();
    } catch (error) {
      console.error(`[runtime] session ${this.id}: close failed:`, error);
    }
    // Let the handler's finally blocks run; a handler stuck elsewhere must not hold the session open.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
    this.stateValue = "ended";
  }

  /**
   * Delivers the goodbye and waits until the caller has heard it: over text once it is sent; over voice until the
   * client confirms its playout, or the audio's length plus the margin passes, or the caller hangs up (the wait then
   * ends at once). It is never interruptible: the caller's speech is not even taken any more. The log's
   * reply.delivered says which of those it was, and when.
   */
  private async deliverGoodbye(text: string): Promise<void> {
    const goodbye: Reply = { type: "reply", text, goodbye: true };
    this.emit(goodbye);
    try {
      const playout = this.options.transport.deliver(goodbye);
      if (playout) await this.watch(goodbye, playout).settled;
    } catch (error) {
      console.error(`[runtime] session ${this.id}: goodbye not delivered:`, error);
    }
  }

  private interrupt(end: EndStream): void {
    if (this.stateValue === "ending" || this.stateValue === "ended") return;
    if (this.interruption) return;
    this.interruption = end;
    this.listening.cancel(end.reason);
    this.abandonPlayouts();
    const wake = this.wake;
    this.wake = null;
    wake?.(end);
  }

  /**
   * Waits for a promise unless the session is interrupted first. A fresh promise per wait, rather than
   * Promise.race against one long-lived promise, which would pile up reactions for the session's lifetime.
   * Runs once per handler output: its callbacks stay anonymous arguments, because tsx (esbuild keepNames)
   * wraps every named closure in a per-call Object.defineProperty, which cost ~20% of a turn.
   */
  private untilInterrupted<T>(promise: Promise<T>): Promise<T | EndStream> {
    if (this.interruption) return Promise.resolve(this.interruption);
    return new Promise<T | EndStream>((resolve, reject) => {
      this.wake = resolve;
      promise.then(
        (value) => {
          this.wake = null;
          resolve(value);
        },
        (error: unknown) => {
          this.wake = null;
          reject(error);
        },
      );
    });
  }

  /** The signal handed to the handler; made already aborted if the session has ended by then. */
  private get signal(): AbortSignal {
    if (!this.abortController) {
      this.abortController = new AbortController();
      if (this.abortReason !== null) this.abortController.abort(this.abortReason);
    }
    return this.abortController.signal;
  }

  private call(): Call {
    const signal = () => this.signal;
    return {
      sessionId: this.id,
      get signal() {
        return signal();
      },
      trace: (event) => {
        if (this.open) this.emit(event);
      },
      deliver: (reply) => this.deliver(reply),
      turnSettled: () => (this.open ? this.settling.whenSettled() : Promise.reject(this.closedError())),
      listen: ({ timeoutMs }) => {
        if (!this.open) return Promise.reject(this.closedError());
        const retracted = this.settling.take();
        if (retracted) return Promise.reject(retracted);
        const queued = this.queue.shift();
        if (queued !== undefined) {
          const provisional = this.settling.dequeued(this.queue.length === 0);
          this.heard(provisional);
          return Promise.resolve(utteranceOf(queued, provisional));
        }
        if (this.listening.pending) return Promise.reject(new Error("listen() is already waiting"));
        // The burst's clock reading (see BurstClock) is as good as a fresh one for a deadline in milliseconds.
        return this.listening.wait(timeoutMs, this.logClock.now());
      },
    };
  }

  private emit(body: SessionEventBody): void {
    this.seq += 1;
    const event = stampEvent(body, this.seq, this.logClock.now());
    this.options.events.publish(this.id, event);
    this.traceTransport?.trace(event);
  }
}
