import type { ListenHints } from "../../runtime/listen-hints";
import type { Reply } from "../../runtime/outputs";
import type { Playout } from "../../runtime/playout";
import { utteranceOf, type SessionInput } from "../../runtime/session-input";
import { isDigitalSilence, SETTLED_SILENCE_MS } from "../audio/digital-silence";
import { concatSamples, FRAME_MS, FRAME_SAMPLES } from "../audio/pcm";
import type { ListenOptions, SpeechToText, SpeechToTextStream } from "../speech-to-text";
import type { TextToSpeech } from "../text-to-speech";
import type { VoiceActivityDetector, VoiceActivityStream } from "../voice-activity";
import type { VoiceChoice } from "../voice-choice";
import { ReplyPlayout } from "./reply-playout";
import { AnsweredTurnTail, endOfSpeechMs, TurnEnd, vadSilenceMs } from "./turn-end";

/** The engines a pipeline runs on; shared by every call of a process (each is pooled on worker threads). */
export interface VoiceEngines {
  stt: SpeechToText;
  tts: TextToSpeech;
  vad: VoiceActivityDetector;
}

/** Where a pipeline's audio and captions go: a Socket.IO socket, a LiveKit track, a phone media socket. */
export interface AudioOutput {
  /** A reply starts, spoken by `voice` (an id such as `piper:en_US-joe-medium`); its frames follow, and the client's playout mark names `replyId`. */
  begin(replyId: string, reply: Reply, voice: string): void;
  /** One 20 ms frame of 16 kHz mono PCM16. */
  frame(replyId: string, samples: Int16Array): void;
  /** Every frame of the reply has been sent. */
  end(replyId: string, durationMs: number): void;
  /** Stop playing the reply and drop what is buffered (barge-in). */
  clear(replyId: string): void;
  /** What the recogniser heard so far (`final: false`) or in the end. */
  transcript(text: string, final: boolean): void;
}

export interface VoicePipelineOptions {
  engines: VoiceEngines;
  output: AudioOutput;
  /** The session's input (Session.receive); a refusal (InputRejectedError) is dropped: the caller is told by `end`. */
  input: (event: SessionInput) => void;
  /** Which engines hear each turn and speak each reply (the flow's settings); without, `engines`' own. */
  choice?: VoiceChoice;
  /** What each Listen of the flow expects, by node id; without, every listen is free-form. */
  listens?: ReadonlyMap<string, ListenHints>;
  /**
   * Silence that ends the caller's turn, after voice activity stops (500 ms by default; a Listen may set its own). A
   * caller who said one of the Listen's expected phrases is answered after a shorter pause (turn-end.ts).
   */
  endOfSpeechMs?: number;
  now?: () => number;
  log?: (line: string) => void;
  /** Told when each step of a turn happens (`now()` time), to see where a turn's latency goes; off by default. */
  onTiming?: (mark: VoiceTimingMark) => void;
}

/**
 * The steps of a voice turn, as the pipeline sees them: the VAD ends the caller's speech, the recogniser's final
 * transcript goes to the session, the session's reply begins, its first synthesised frame goes out.
 */
export type VoiceTimingMark =
  { type: "speech.end" | "transcript.final"; at: number } | { type: "reply.begin" | "reply.first_frame"; at: number; replyId: string };

/** Audio kept from before voice activity was detected, fed to the recogniser with the turn (VAD starts late). */
const PRE_ROLL_FRAMES = 15;
/** Frames waiting for the engines before new ones are dropped (5 s): a stalled engine must not grow memory. */
const MAX_QUEUED_FRAMES = 250;
/**
 * How many times one turn may be answered before the Listen's silence has passed: "No, | I'd like to book, | for
 * Tuesday." is answered on "no", then on "no I'd like to book", then heard to the end of the silence. Each take-back
 * decodes the whole turn again: a caller speaking in clauses costs at most three decodes of it, not one per clause.
 */
const MAX_EARLY_ANSWERS = 2;
/** The longest turn kept to be heard again should the caller go on after its answer (10 s; longer ones are final). */
const MAX_RETRACTABLE_SAMPLES = 10 * 16_000;
/** Frames of digital silence the VAD stream is sent before it counts as settled on it (#settledSilence). */
const SETTLED_SILENT_FRAMES = SETTLED_SILENCE_MS / FRAME_MS;

/**
 * One call's voice, transport-neutral: caller frames → Silero VAD → the recogniser (narrowed to the pending Listen's
 * expected phrases) → `speech.started`, `transcript.partial`, `utterance`, `speech.ended` into the session; replies →
 * TTS → frames out, as a Playout that the client's playout mark finishes. Barge-in is the session's: its
 * `speech.started` interrupts an interruptible Playout, which stops synthesis and tells the client to `clear`.
 */
export class VoicePipeline {
  readonly #options: VoicePipelineOptions;
  readonly #now: () => number;
  readonly #playouts = new Map<string, ReplyPlayout>();
  readonly #preRoll: Int16Array[] = [];
  #vad: Promise<VoiceActivityStream>;
  /** The end-of-speech silence the VAD stream was opened with. */
  #vadSilenceMs: number;
  /** Whether the VAD stream is in speech (its last event was speech.start). */
  #vadSpeaking = false;
  /** Digitally silent frames in a row, counted against what the VAD stream has been sent (#settledSilence). */
  #silentFrames = 0;
  #work: Promise<void> = Promise.resolve();
  /** Frames waiting for the next pass through the engines. */
  #waiting: Int16Array[] = [];
  #queued = 0;
  /** The turn being recognised; resolves null when the recogniser refused it (busy): the turn is then not heard. */
  #recognising: Promise<SpeechToTextStream | null> | null = null;
  /** When the turn being recognised ends; set with #recognising. */
  #turn: TurnEnd | null = null;
  /** How many times the turn being recognised was answered early and taken back. */
  #turnTakeBacks = 0;
  /** What the turn being recognised expects (the pending Listen's, when it began). */
  #turnHints: ListenHints | undefined;
  /** The turn's audio as the recogniser was fed it, kept while it may be heard again (AnsweredTurnTail); else null. */
  #turnAudio: Int16Array[] | null = null;
  #turnSamples = 0;
  /** After a turn answered before the Listen's silence had passed: the answer is provisional (AnsweredTurnTail). */
  #tail: AnsweredTurnTail | null = null;
  #lastPartial = "";
  #hints: ListenHints | undefined;
  #replies = 0;
  #closed = false;
  #dropWarned = false;
  #lastLogAt = -Infinity;

  constructor(options: VoicePipelineOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#vadSilenceMs = vadSilenceMs(undefined, options.endOfSpeechMs);
    this.#vad = options.engines.vad.stream({ minSilenceMs: this.#vadSilenceMs });
    // A VAD that cannot start is reported by the first frame's work.
    this.#vad.catch(() => undefined);
  }

  /** A Listen began (its `listen.started` log event): the next turn is recognised with its expected phrases. */
  listenStarted(nodeId: string | undefined): void {
    this.#hints = nodeId === undefined ? undefined : this.#options.listens?.get(nodeId);
  }

  /**
   * One 20 ms frame from the caller (checked by the transport). Work is queued in order; a backlog past 5 s is dropped.
   * Frames that arrive while the engines are busy with earlier ones go to them together, in one request each: a
   * loaded machine then makes fewer, larger requests instead of falling further behind one thread hop per frame.
   */
  pushAudio(samples: Int16Array): void {
    if (this.#closed) return;
    if (samples.length !== FRAME_SAMPLES) throw new RangeError(`A frame is ${FRAME_SAMPLES} samples (got ${samples.length})`);
    if (this.#queued >= MAX_QUEUED_FRAMES) {
      if (!this.#dropWarned) this.#log(`the engines are ${MAX_QUEUED_FRAMES} frames behind: dropping caller audio`);
      this.#dropWarned = true;
      return;
    }
    this.#queued += 1;
    this.#waiting.push(samples);
    if (this.#waiting.length > 1) return; // the pass already queued takes this frame too
    this.#work = this.#work.then(async () => {
      const batch = this.#waiting.splice(0);
      try {
        await this.#process(batch);
      } catch (error) {
        this.#log(`caller audio failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.#queued -= batch.length;
      }
    });
  }

  /** Says a reply: frames go out as they are synthesised; the Playout finishes on the client's mark or on interrupt(). */
  speak(reply: Reply): Playout {
    this.#replies += 1;
    const replyId = `r${this.#replies}`;
    const { output, engines, choice } = this.#options;
    const { tts, voice: wanted, rate } = choice?.textToSpeech(reply) ?? { tts: engines.tts };
    const voice = tts.voiceFor(wanted);
    const playout = new ReplyPlayout({
      now: this.#now,
      onInterrupt: () => {
        this.#playouts.delete(replyId);
        output.clear(replyId);
      },
    });
    this.#playouts.set(replyId, playout);
    this.#options.onTiming?.({ type: "reply.begin", at: this.#now(), replyId });
    output.begin(replyId, reply, voice);
    void (async () => {
      try {
        for await (const frame of tts.speak(reply.text, { signal: playout.signal, voice, ...(rate === undefined ? {} : { rate }) })) {
          if (playout.settled || this.#closed) return;
          if (!playout.hasSentFrames) this.#options.onTiming?.({ type: "reply.first_frame", at: this.#now(), replyId });
          output.frame(replyId, frame);
          playout.frameSent();
        }
      } catch (error) {
        this.#log(`speaking a reply failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (playout.settled || this.#closed) return;
      playout.complete();
      output.end(replyId, playout.durationMs ?? 0);
    })();
    return playout;
  }

  /** The client's playout mark for `replyId`; false when no such reply is playing. */
  playoutMark(replyId: string): boolean {
    const playout = this.#playouts.get(replyId);
    if (!playout) return false;
    this.#playouts.delete(replyId);
    playout.played();
    return true;
  }

  /** Resolves once the caller audio pushed so far has been through the engines (tests, benchmarks). */
  whenIdle(): Promise<void> {
    return this.#work;
  }

  /** Stops listening and speaking; the engines' streams are released. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#playouts.clear();
    await this.#work;
    const recognising = this.#recognising;
    this.#recognising = null;
    this.#turn = null;
    this.#tail = null;
    this.#turnAudio = null;
    if (recognising) await recognising.then((stream) => stream?.cancel()).catch(() => undefined);
    await this.#vad.then((vad) => vad.finish()).catch(() => undefined);
  }

  /** One pass through the engines: the frames that arrived since the last, as one piece of audio. */
  async #process(batch: Int16Array[]): Promise<void> {
    if (this.#closed) return;
    this.#applyEndOfSpeech();
    const audio = batch.length === 1 ? batch[0]! : concatSamples(batch);
    const audioMs = (audio.length / FRAME_SAMPLES) * FRAME_MS;
    const vad = await this.#vad;
    const events = this.#settledSilence(audio) ? [] : await vad.feed(bytesOf(audio));
    let fed = false;
    if (this.#recognising) {
      await this.#feed(audio);
      fed = true;
    }
    let ended = false;
    let heldNow = false;
    for (const event of events) {
      if (this.#closed) return;
      this.#vadSpeaking = event.type === "speech.start";
      if (event.type === "speech.start" && this.#turn?.resumed()) continue; // a held turn goes on
      if (event.type === "speech.start" && !this.#recognising) {
        // The caller goes on with a turn answered early: the answer is taken back, and the whole turn heard again.
        const resumed = this.#tail;
        this.#tail = null;
        if (resumed) {
          this.#send({ type: "utterance.retracted" });
          this.#hints = resumed.hints;
        }
        this.#send({ type: "speech.started" });
        const stt = this.#options.choice?.speechToText(this.#hints) ?? this.#options.engines.stt;
        this.#recognising = stt.listen(this.#listenOptions(stt)).catch((error: unknown) => {
          this.#log(`the recogniser refused a turn: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
        // A turn taken back MAX_EARLY_ANSWERS times waits out the Listen's silence: its caller speaks in clauses, and
        // each early answer taken back costs a decode of the whole turn again.
        this.#turnTakeBacks = resumed ? resumed.takeBacks + 1 : 0;
        const answersOnPhrase = this.#turnTakeBacks < MAX_EARLY_ANSWERS;
        this.#turn = new TurnEnd({
          silenceMs: endOfSpeechMs(this.#hints, this.#options.endOfSpeechMs),
          vadSilenceMs: this.#vadSilenceMs,
          answersOnPhrase,
        });
        this.#turnHints = this.#hints;
        // Only a turn that may be answered before the Listen's silence has passed can be taken back and heard again.
        this.#turnAudio = answersOnPhrase && this.#turn.silenceMs > this.#vadSilenceMs ? [] : null;
        this.#turnSamples = 0;
        this.#lastPartial = "";
        // The VAD starts late: the audio kept from before this pass goes first (the taken-back turn's whole audio, or the
        // pre-roll), then this pass's.
        const before = resumed ? resumed.audio : this.#preRoll;
        if (before.length > 0) await this.#feed(concatSamples(before));
        this.#preRoll.length = 0;
        if (!fed) await this.#feed(audio);
        fed = true;
      } else if (event.type === "speech.end" && this.#recognising) {
        if (this.#turn?.paused() === false) {
          heldNow = true; // until the Listen's own silence has passed, or the phrase is recognised
          continue;
        }
        await this.#endTurn();
        ended = true;
        fed = false; // a turn that starts later in this pass gets its audio
      }
    }
    // A held turn's silence is counted from the pass after the VAD's pause, whose length already includes this one.
    if (!heldNow && this.#turn?.elapsed(audioMs)) {
      await this.#endTurn();
      ended = true;
    }
    // Once the Listen's silence has passed after an early answer, the answer is final.
    if (this.#tail && !ended && !this.#tail.heard(audio, audioMs)) {
      this.#tail = null;
      this.#send({ type: "utterance.settled" });
    }
    if (!this.#recognising && !ended) {
      this.#preRoll.push(...batch);
      if (this.#preRoll.length > PRE_ROLL_FRAMES) this.#preRoll.splice(0, this.#preRoll.length - PRE_ROLL_FRAMES);
    }
    // A turn that just ended lets the pending Listen's own end-of-speech silence apply from the next pass.
    this.#applyEndOfSpeech();
  }

  /**
   * Whether `audio` need not go to the VAD: digital silence that has lasted SETTLED_SILENCE_MS with nobody speaking
   * (digital-silence.ts). An idle call then costs neither a thread hop nor a Silero run per frame: at 500 callers
   * streaming silence the VAD threads fell behind and the hops were most of the main thread's work (bench:voice).
   * The VAD stream is not told: its model's state stays as the silence left it, for the speech that follows. Measured:
   * skipping from the first silent window, or starting the state afresh, lost speech at -62 dBFS after digital
   * silence; kept, a line at -74 dBFS is still heard (silero-vad.test.ts).
   */
  #settledSilence(audio: Int16Array): boolean {
    if (!isDigitalSilence(audio)) {
      this.#silentFrames = 0;
      return false;
    }
    this.#silentFrames += audio.length / FRAME_SAMPLES;
    return !this.#vadSpeaking && this.#silentFrames > SETTLED_SILENT_FRAMES;
  }

  /** The turn ends: its final transcript goes to the session as the utterance, then `speech.ended`. */
  async #endTurn(): Promise<void> {
    this.#options.onTiming?.({ type: "speech.end", at: this.#now() });
    const recognising = this.#recognising;
    const turn = this.#turn;
    const audio = this.#turnAudio;
    this.#recognising = null;
    this.#turn = null;
    this.#turnAudio = null;
    // The next turn's pre-roll is what comes after this one, never this turn's end again.
    this.#preRoll.length = 0;
    const stream = await recognising;
    const text = stream ? (await stream.finish()).text.trim() : "";
    this.#options.onTiming?.({ type: "transcript.final", at: this.#now() });
    // Answered before the Listen's silence passed, it stays provisional until that silence has (AnsweredTurnTail).
    const provisional = text !== "" && turn !== null && audio !== null && turn.silenceLeftMs > 0;
    this.#tail = provisional ? new AnsweredTurnTail(turn, audio, this.#turnHints, this.#turnTakeBacks) : null;
    if (text) {
      this.#options.output.transcript(text, true);
      this.#send(utteranceOf(text, provisional));
    }
    this.#send({ type: "speech.ended" });
  }

  /** What the pending Listen asks of `stt`: its expected phrases, and its language when `stt` understands it. */
  #listenOptions(stt: SpeechToText): ListenOptions {
    const expectedPhrases = this.#hints?.expectedPhrases ?? [];
    const language = this.#hints?.language;
    const options: ListenOptions = expectedPhrases.length > 0 ? { expectedPhrases } : {};
    if (language === undefined) return options;
    if (stt.capabilities.languages.includes(language)) return { ...options, language };
    this.#log(`${stt.name} does not recognise ${language}; listening in ${stt.capabilities.languages[0] ?? "its default language"}`);
    return options;
  }

  /** Between turns, a Listen whose pauses are heard after another silence gets a VAD stream opened with it. */
  #applyEndOfSpeech(): void {
    const wanted = vadSilenceMs(this.#hints, this.#options.endOfSpeechMs);
    if (this.#recognising || wanted === this.#vadSilenceMs) return;
    const previous = this.#vad;
    this.#vadSilenceMs = wanted;
    this.#vad = this.#options.engines.vad.stream({ minSilenceMs: wanted });
    // A new stream has heard nothing yet: it gets its own settling silence.
    this.#vadSpeaking = false;
    this.#silentFrames = 0;
    this.#vad.catch(() => undefined);
    void previous.then((vad) => vad.finish()).catch(() => undefined);
  }

  async #feed(samples: Int16Array): Promise<void> {
    if (this.#turnAudio) {
      this.#turnAudio.push(samples);
      this.#turnSamples += samples.length;
      if (this.#turnSamples > MAX_RETRACTABLE_SAMPLES) this.#turnAudio = null;
    }
    const stream = await this.#recognising;
    const partial = stream ? await stream.feed(bytesOf(samples)) : null;
    if (partial) this.#turn?.partial(partial.matchedPhrases);
    const text = partial?.text.trim();
    if (!text || text === this.#lastPartial) return;
    this.#lastPartial = text;
    this.#options.output.transcript(text, false);
    this.#send({ type: "transcript.partial", text });
  }

  #send(event: SessionInput): void {
    try {
      this.#options.input(event);
    } catch (error) {
      this.#log(`the session refused ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Reports a problem, at most once a second: a failing engine must not flood the log 50 times a second. */
  #log(line: string): void {
    const now = this.#now();
    if (now - this.#lastLogAt < 1_000) return;
    this.#lastLogAt = now;
    (this.#options.log ?? ((text: string) => console.warn(`[voice] ${text}`)))(line);
  }
}

function bytesOf(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
