import { describe, expect, it } from "vitest";
import type { ListenHints } from "../../runtime/listen-hints";
import type { Reply } from "../../runtime/outputs";
import type { SessionInput } from "../../runtime/session-input";
import { FRAME_SAMPLES } from "../audio/pcm";
import type { ListenOptions, SpeechToText, SpeechToTextStream, Transcript } from "../speech-to-text";
import type { SpeakOptions, TextToSpeech } from "../text-to-speech";
import type { VoiceActivityDetector, VoiceActivityEvent, VoiceActivityOptions } from "../voice-activity";
import { PHRASE_PAUSE_MS, SPEECH_START_LAG_MS } from "./turn-end";
import { VoicePipeline, type AudioOutput, type VoiceTimingMark } from "./voice-pipeline";

/*
 * The pipeline's own logic over typed fakes: a frame's first sample says what the fake VAD hears (SPEECH_START,
 * SPEECH_END), the fake recogniser hears one word per speech frame (and per LATE_WORD frame, which the VAD takes for
 * silence: a decoder catching up on the last word), the fake voice speaks 3 frames a sentence.
 */
/* Louder than digital silence, which the pipeline stops sending to the VAD once settled on it. */
const SPEECH_START = 1_000;
const SPEECH_END = 2_000;
const LATE_WORD = 3_000;

function frame(marker = 0): Int16Array {
  const samples = new Int16Array(FRAME_SAMPLES);
  samples[0] = marker;
  return samples;
}

/** The first sample of each 20 ms frame in `pcm`: what the fakes hear in it. */
function markers(pcm: Uint8Array): number[] {
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
  return Array.from({ length: samples.length / FRAME_SAMPLES }, (_, index) => samples[index * FRAME_SAMPLES]!);
}

class FakeVad implements VoiceActivityDetector {
  readonly name = "fake-vad";
  readonly capabilities = { sampleRates: [16_000], windowSamples: 320 };
  readonly streams: VoiceActivityOptions[] = [];
  /** How many requests the pipeline made (each may carry several frames). */
  readonly feeds: number[] = [];
  async stream(options: VoiceActivityOptions = {}) {
    this.streams.push(options);
    const feeds = this.feeds;
    let atMs = 0;
    return {
      async feed(pcm: Uint8Array): Promise<VoiceActivityEvent[]> {
        const events: VoiceActivityEvent[] = [];
        for (const marker of markers(pcm)) {
          atMs += 20;
          if (marker === SPEECH_START) events.push({ type: "speech.start", atMs, probability: 0.9 });
          if (marker === SPEECH_END) events.push({ type: "speech.end", atMs, probability: 0.1 });
        }
        feeds.push(events.length);
        return events;
      },
      async finish() {
        return [];
      },
    };
  }
  async close() {}
}

class FakeStt implements SpeechToText {
  readonly name = "fake-stt";
  readonly capabilities = { streaming: true, sampleRates: [16_000], languages: ["en-US"], expectedPhrases: true };
  readonly listens: ListenOptions[] = [];
  refuseNext = false;
  constructor(private readonly words: string[]) {}
  async listen(options: ListenOptions = {}): Promise<SpeechToTextStream & { skippedWords: string[] }> {
    if (this.refuseNext) {
      this.refuseNext = false;
      throw new Error("busy");
    }
    this.listens.push(options);
    const heard: string[] = [];
    const words = this.words;
    const expected = options.expectedPhrases ?? [];
    const transcript = (final: boolean): Transcript => ({
      text: heard.join(" "),
      final,
      matchedPhrases: expected.filter((phrase) => heard.includes(phrase)),
    });
    return {
      skippedWords: [],
      async feed(pcm) {
        const before = heard.length;
        for (const marker of markers(pcm)) {
          if (marker === SPEECH_START || marker === LATE_WORD) heard.push(words[heard.length % words.length]!);
        }
        return heard.length === before ? null : transcript(false);
      },
      async finish() {
        return transcript(true);
      },
      async cancel() {},
    };
  }
  async close() {}
}

class FakeTts implements TextToSpeech {
  readonly name = "fake-tts";
  readonly capabilities = { streaming: true, sampleRate: 16_000, languages: ["en-US"], nativeSampleRate: 16_000 };
  readonly voices = [{ id: "fake:one", name: "One", language: "en-US" }];
  voiceFor() {
    return "fake:one";
  }
  async *speak(text: string, options: SpeakOptions = {}): AsyncIterable<Int16Array> {
    for (const _sentence of text.split(".").filter(Boolean)) {
      if (options.signal?.aborted) return;
      for (let i = 0; i < 3; i += 1) yield frame();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  async close() {}
}

class RecordingOutput implements AudioOutput {
  readonly log: string[] = [];
  begin(replyId: string, reply: Reply, voice: string) {
    this.log.push(`begin ${replyId} ${reply.text} ${voice}`);
  }
  frame(replyId: string) {
    this.log.push(`frame ${replyId}`);
  }
  end(replyId: string, durationMs: number) {
    this.log.push(`end ${replyId} ${durationMs}`);
  }
  clear(replyId: string) {
    this.log.push(`clear ${replyId}`);
  }
  transcript(text: string, final: boolean) {
    this.log.push(`${final ? "final" : "partial"} ${text}`);
  }
}

function pipeline(stt = new FakeStt(["hello", "there"])) {
  const inputs: SessionInput[] = [];
  const output = new RecordingOutput();
  const voice = new VoicePipeline({
    engines: { stt, tts: new FakeTts(), vad: new FakeVad() },
    output,
    input: (event) => inputs.push(event),
    listens: new Map([["ask", { expectedPhrases: ["hello"] }]]),
    log: () => undefined,
  });
  return { voice, inputs, output, stt };
}

const drain = (voice: VoicePipeline) => voice.whenIdle();
/** `frames` frames of digital silence, as stream() takes them. */
const silence = (frames: number) => Array<number>(frames).fill(0);

/** Sends frames as a caller does, one at a time, each through the engines before the next (no backlog). */
async function stream(voice: VoicePipeline, frameMarkers: number[]): Promise<void> {
  for (const marker of frameMarkers) {
    voice.pushAudio(frame(marker));
    await voice.whenIdle();
  }
}

describe("the voice pipeline", () => {
  it("turns a caller's turn into speech.started, partial transcripts, the utterance and speech.ended, in order", async () => {
    const { voice, inputs, output, stt } = pipeline();
    voice.listenStarted("ask");
    await stream(voice, [0, SPEECH_START, SPEECH_START, 0, SPEECH_END]);
    expect(stt.listens).toEqual([{ expectedPhrases: ["hello"] }]);
    expect(inputs).toEqual([
      { type: "speech.started" },
      { type: "transcript.partial", text: "hello" },
      { type: "transcript.partial", text: "hello there" },
      // Answered on the expected phrase at the short pause: the caller may still go on (see the phrase tests below).
      { type: "utterance", text: "hello there", provisional: true },
      { type: "speech.ended" },
    ]);
    expect(output.log).toEqual(["partial hello", "partial hello there", "final hello there"]);
  });

  it("recognises free-form where the pending Listen expects nothing, and sends no utterance for a turn heard as nothing", async () => {
    const { voice, inputs, stt } = pipeline();
    voice.listenStarted("hear-name");
    for (const marker of [0, SPEECH_START, SPEECH_END]) voice.pushAudio(frame(marker));
    await drain(voice);
    expect(stt.listens).toEqual([{}]);
    expect(inputs.map((input) => input.type)).toEqual(["speech.started", "transcript.partial", "utterance", "speech.ended"]);
    // A cough the VAD took for speech, heard as nothing by the recogniser: the turn ends without an utterance.
    const cough = pipeline(new FakeStt([""]));
    for (const marker of [SPEECH_START, SPEECH_START, SPEECH_END]) cough.voice.pushAudio(frame(marker));
    await drain(cough.voice);
    expect(cough.inputs).toEqual([{ type: "speech.started" }, { type: "speech.ended" }]);
  });

  it("asks the recogniser for the Listen's language when it knows it, and says so when it does not", async () => {
    const stt = new FakeStt(["yes"]);
    const lines: string[] = [];
    const voice = new VoicePipeline({
      engines: { stt, tts: new FakeTts(), vad: new FakeVad() },
      output: new RecordingOutput(),
      input: () => undefined,
      listens: new Map([
        ["english", { expectedPhrases: ["yes"], language: "en-US" }],
        ["spanish", { expectedPhrases: [], language: "es-ES" }],
      ]),
      log: (line) => lines.push(line),
    });
    for (const listen of ["english", "spanish"]) {
      voice.listenStarted(listen);
      // Each turn followed by the Listen's whole silence: speech sooner after an answer on a phrase would go on with it.
      for (const marker of [SPEECH_START, SPEECH_END]) voice.pushAudio(frame(marker));
      await drain(voice);
      await stream(voice, silence(30));
    }
    expect(stt.listens).toEqual([{ expectedPhrases: ["yes"], language: "en-US" }, {}]);
    expect(lines).toEqual(["fake-stt does not recognise es-ES; listening in en-US"]);
  });

  it("speaks each reply with the engine and voice the call's choice names", async () => {
    const output = new RecordingOutput();
    const other = new FakeTts();
    const spoken: SpeakOptions[] = [];
    let said = () => {};
    const saidOnce = new Promise<void>((resolve) => (said = resolve));
    other.speak = async function* (_text: string, options: SpeakOptions = {}) {
      spoken.push({ voice: options.voice, rate: options.rate });
      said();
      yield frame();
    };
    const voice = new VoicePipeline({
      engines: { stt: new FakeStt(["x"]), tts: new FakeTts(), vad: new FakeVad() },
      output,
      input: () => undefined,
      choice: {
        speechToText: () => new FakeStt(["x"]),
        textToSpeech: (reply) => (reply.nodeId === "robot" ? { tts: other, voice: "fake:one", rate: 1.5 } : { tts: new FakeTts() }),
      },
    });
    voice.speak({ type: "reply", text: "Beep.", nodeId: "robot" });
    await saidOnce;
    expect(spoken).toEqual([{ voice: "fake:one", rate: 1.5 }]);
    expect(output.log[0]).toBe("begin r1 Beep. fake:one");
  });

  it("ends turns after a Listen's own end-of-speech silence, from the next turn on", async () => {
    const vad = new FakeVad();
    const voice = new VoicePipeline({
      engines: { stt: new FakeStt(["yes"]), tts: new FakeTts(), vad },
      output: new RecordingOutput(),
      input: () => undefined,
      listens: new Map([["slow", { expectedPhrases: [], endOfSpeechMs: 1_200 }]]),
    });
    voice.pushAudio(frame());
    await voice.whenIdle();
    voice.listenStarted("slow");
    voice.pushAudio(frame(SPEECH_START));
    await voice.whenIdle();
    voice.listenStarted(undefined);
    await stream(voice, [SPEECH_START, SPEECH_END, 0]);
    // Not changed mid-turn: the default comes back once the slow Listen's turn is over.
    expect(vad.streams).toEqual([{ minSilenceMs: 500 }, { minSilenceMs: 1_200 }, { minSilenceMs: 500 }]);
  });

  describe("a Listen that expects phrases answers once one is heard", () => {
    /** The most 20 ms frames after the VAD's pause that keep the silence, counted from the pause's start, under `ms`. */
    const framesShortOf = (ms: number) => Math.ceil((ms - PHRASE_PAUSE_MS) / 20) - 1;
    /** The frames after an answer at the short pause until it is final, with the default 500 ms silence. */
    const framesToSettle = Math.ceil((500 - PHRASE_PAUSE_MS + SPEECH_START_LAG_MS) / 20);
    function phrasePipeline(words: string[], hints: Partial<ListenHints> = {}) {
      const vad = new FakeVad();
      const inputs: SessionInput[] = [];
      const voice = new VoicePipeline({
        engines: { stt: new FakeStt(words), tts: new FakeTts(), vad },
        output: new RecordingOutput(),
        input: (event) => inputs.push(event),
        listens: new Map([["ask", { expectedPhrases: ["book", "cancel"], ...hints }]]),
      });
      voice.listenStarted("ask");
      return { voice, vad, inputs, types: () => inputs.map((input) => input.type) };
    }

    it("ends the turn at the VAD's short pause when the partial transcript holds an expected phrase", async () => {
      const { voice, vad, inputs } = phrasePipeline(["book"]);
      await stream(voice, [0, SPEECH_START, SPEECH_END]);
      expect(vad.streams).toEqual([{ minSilenceMs: 500 }, { minSilenceMs: PHRASE_PAUSE_MS }]);
      expect(inputs).toEqual([
        { type: "speech.started" },
        { type: "transcript.partial", text: "book" },
        // Before the Listen's own silence has passed: the caller may go on with the sentence.
        { type: "utterance", text: "book", provisional: true },
        { type: "speech.ended" },
      ]);
      // Once it has (with the VAD's lag in reporting speech), the answer is final.
      await stream(voice, silence(framesToSettle - 1));
      expect(inputs.length).toBe(4);
      await stream(voice, silence(1));
      expect(inputs.slice(4)).toEqual([{ type: "utterance.settled" }]);
    });

    it("holds a turn without one until the Listen's silence has passed, counted from the start of the pause", async () => {
      const { voice, types } = phrasePipeline(["um"]);
      // The pause began PHRASE_PAUSE_MS before the VAD said so: the frames after it that fall short of 500 ms, then one more.
      await stream(voice, [SPEECH_START, SPEECH_END, ...silence(framesShortOf(500))]);
      expect(types()).toEqual(["speech.started", "transcript.partial"]);
      await stream(voice, silence(1));
      expect(types()).toEqual(["speech.started", "transcript.partial", "utterance", "speech.ended"]);
    });

    it("goes on with the same turn when the caller speaks again during the hold, and ends it on the phrase", async () => {
      const { voice, inputs } = phrasePipeline(["well", "book"]);
      await stream(voice, [SPEECH_START, SPEECH_END, ...silence(10), SPEECH_START, SPEECH_END]);
      expect(inputs).toEqual([
        { type: "speech.started" },
        { type: "transcript.partial", text: "well" },
        { type: "transcript.partial", text: "well book" },
        { type: "utterance", text: "well book", provisional: true },
        { type: "speech.ended" },
      ]);
    });

    it("ends a held turn at once when the recogniser catches up on the phrase", async () => {
      const { voice, inputs } = phrasePipeline(["please", "cancel"]);
      await stream(voice, [SPEECH_START, SPEECH_END, 0, 0]);
      expect(inputs.map((input) => input.type)).toEqual(["speech.started", "transcript.partial"]);
      await stream(voice, [LATE_WORD]);
      expect(inputs.slice(2)).toEqual([
        { type: "transcript.partial", text: "please cancel" },
        { type: "utterance", text: "please cancel", provisional: true },
        { type: "speech.ended" },
      ]);
    });

    it("bounds the hold by the Listen's own silence, however long", async () => {
      const { voice, types } = phrasePipeline(["um"], { endOfSpeechMs: 1_200 });
      await stream(voice, [SPEECH_START, SPEECH_END, ...silence(framesShortOf(1_200))]);
      expect(types()).toEqual(["speech.started", "transcript.partial"]);
      await stream(voice, silence(1));
      expect(types()).toEqual(["speech.started", "transcript.partial", "utterance", "speech.ended"]);
    });

    it("takes an answer back when the caller goes on within the Listen's silence, and hears the whole turn again", async () => {
      const { voice, inputs } = phrasePipeline(["book", "for", "tuesday", "please"]);
      // "Book, | for | Tuesday, | please." with short pauses: answered on "book", then on "book for", each taken back as
      // the caller goes on and the whole turn heard again (the kept audio, then what follows); the third time it waits
      // out the Listen's silence (each take-back is a decode of the whole turn).
      const clause = [...silence(10), SPEECH_START, SPEECH_END];
      await stream(voice, [SPEECH_START, SPEECH_END, ...clause, ...clause, ...clause]);
      expect(inputs).toEqual([
        { type: "speech.started" },
        { type: "transcript.partial", text: "book" },
        { type: "utterance", text: "book", provisional: true },
        { type: "speech.ended" },
        { type: "utterance.retracted" },
        { type: "speech.started" },
        { type: "transcript.partial", text: "book" },
        { type: "transcript.partial", text: "book for" },
        { type: "utterance", text: "book for", provisional: true },
        { type: "speech.ended" },
        { type: "utterance.retracted" },
        { type: "speech.started" },
        { type: "transcript.partial", text: "book for" },
        { type: "transcript.partial", text: "book for tuesday" },
        { type: "transcript.partial", text: "book for tuesday please" },
      ]);
      await stream(voice, silence(framesShortOf(500)));
      expect(inputs.length).toBe(15);
      await stream(voice, silence(1));
      // Final at once: it waited the whole silence, so nothing settles later.
      expect(inputs.slice(15)).toEqual([{ type: "utterance", text: "book for tuesday please" }, { type: "speech.ended" }]);
      await stream(voice, silence(framesToSettle));
      expect(inputs.length).toBe(17);
    });

    it("hears a taken-back turn again with the Listen that heard it, though the next one has started", async () => {
      const stt = new FakeStt(["book", "later"]);
      const voice = new VoicePipeline({
        engines: { stt, tts: new FakeTts(), vad: new FakeVad() },
        output: new RecordingOutput(),
        input: () => undefined,
        listens: new Map([
          ["ask", { expectedPhrases: ["book", "cancel"] }],
          ["name", { expectedPhrases: [] }],
        ]),
      });
      voice.listenStarted("ask");
      await stream(voice, [SPEECH_START, SPEECH_END]);
      // The flow went on to ask for a name before the caller went on: the whole turn is still the first Listen's.
      voice.listenStarted("name");
      await stream(voice, [...silence(5), SPEECH_START, SPEECH_END, ...silence(framesToSettle)]);
      expect(stt.listens).toEqual([{ expectedPhrases: ["book", "cancel"] }, { expectedPhrases: ["book", "cancel"] }]);
    });

    it("keeps no audio for a turn longer than it takes back: a long answer is final at once", async () => {
      const { voice, inputs } = phrasePipeline(["well", "book"]);
      // Over 10 s of a turn before the phrase is heard at the short pause.
      await stream(voice, [SPEECH_START, ...silence(510), LATE_WORD, SPEECH_END]);
      expect(inputs.slice(3)).toEqual([{ type: "utterance", text: "well book" }, { type: "speech.ended" }]);
    });

    it("takes speech soon after a turn heard as nothing as a new turn: only an answered turn has a rest", async () => {
      // The partial held the phrase, so the turn ended at the short pause; its final came back empty.
      const stt = new FakeStt(["book"]);
      const listen = stt.listen.bind(stt);
      stt.listen = async (options) => ({ ...(await listen(options)), finish: async () => ({ text: "", final: true, matchedPhrases: [] }) });
      const inputs: SessionInput[] = [];
      const voice = new VoicePipeline({
        engines: { stt, tts: new FakeTts(), vad: new FakeVad() },
        output: new RecordingOutput(),
        input: (event) => inputs.push(event),
        listens: new Map([["ask", { expectedPhrases: ["book"] }]]),
      });
      voice.listenStarted("ask");
      await stream(voice, [SPEECH_START, SPEECH_END, ...silence(5), SPEECH_START, SPEECH_END]);
      expect(inputs.map((input) => input.type)).toEqual([
        "speech.started",
        "transcript.partial",
        "speech.ended",
        "speech.started",
        "transcript.partial",
        "speech.ended",
      ]);
    });

    it("takes speech after the Listen's whole silence as a new turn, even after an answer on a phrase", async () => {
      const { voice, types } = phrasePipeline(["book"]);
      await stream(voice, [SPEECH_START, SPEECH_END, ...silence(framesToSettle), SPEECH_START, SPEECH_END]);
      expect(types()).toEqual([
        "speech.started",
        "transcript.partial",
        "utterance",
        "speech.ended",
        "utterance.settled",
        "speech.started",
        "transcript.partial",
        "utterance",
        "speech.ended",
      ]);
    });

    it("waits out the whole silence on a Listen that asks to, and on a free-form Listen", async () => {
      for (const hints of [{ waitForFullSilence: true as const }, { expectedPhrases: [] }]) {
        const { voice, vad, types } = phrasePipeline(["book"], hints);
        await stream(voice, [0, SPEECH_START, SPEECH_END]);
        // The VAD stream itself waits the whole 500 ms: its speech.end is the turn's end.
        expect(vad.streams).toEqual([{ minSilenceMs: 500 }]);
        expect(types()).toEqual(["speech.started", "transcript.partial", "utterance", "speech.ended"]);
      }
    });
  });

  it("hears the next turn after the recogniser refused one", async () => {
    const stt = new FakeStt(["yes"]);
    stt.refuseNext = true;
    const { voice, inputs } = pipeline(stt);
    await stream(voice, [SPEECH_START, SPEECH_END, SPEECH_START, SPEECH_END]);
    expect(inputs).toEqual([
      { type: "speech.started" },
      { type: "speech.ended" },
      { type: "speech.started" },
      { type: "transcript.partial", text: "yes" },
      { type: "utterance", text: "yes" },
      { type: "speech.ended" },
    ]);
  });

  it("speaks a reply as frames, then its end, and finishes it as played when the client's mark comes", async () => {
    const { voice, output } = pipeline();
    const playout = voice.speak({ type: "reply", text: "One. Two." });
    expect(playout.durationMs).toBeUndefined();
    await playout.durationKnown;
    expect(playout.durationMs).toBe(120);
    expect(output.log).toEqual(["begin r1 One. Two. fake:one", ...Array<string>(6).fill("frame r1"), "end r1 120"]);
    expect(voice.playoutMark("r2")).toBe(false);
    expect(voice.playoutMark("r1")).toBe(true);
    expect(await playout.finished).toEqual({ interrupted: false, playbackPositionMs: 120 });
    expect(voice.playoutMark("r1")).toBe(false);
  });

  it("stops synthesis on interrupt(), tells the client to clear, and says it was interrupted", async () => {
    const { voice, output } = pipeline();
    const playout = voice.speak({ type: "reply", text: "One. Two. Three. Four.", interruptible: true });
    await new Promise((resolve) => setTimeout(resolve, 2));
    playout.interrupt();
    const result = await playout.finished;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(result.interrupted).toBe(true);
    expect(result.playbackPositionMs).toBeLessThanOrEqual(60);
    expect(output.log.at(-1)).toBe("clear r1");
    expect(output.log.filter((line) => line === "frame r1").length).toBe(3);
    expect(voice.playoutMark("r1")).toBe(false);
  });

  it("sends the frames that queued up behind busy engines in one request, and still hears the turn", async () => {
    const vad = new FakeVad();
    const inputs: SessionInput[] = [];
    const voice = new VoicePipeline({
      engines: { stt: new FakeStt(["hello", "there"]), tts: new FakeTts(), vad },
      output: new RecordingOutput(),
      input: (event) => inputs.push(event),
    });
    // Six frames at once, as when the engines fell 120 ms behind: one pass, one VAD request.
    for (const marker of [0, SPEECH_START, SPEECH_START, 0, 0, SPEECH_END]) voice.pushAudio(frame(marker));
    await voice.whenIdle();
    expect(vad.feeds.length).toBe(1);
    expect(inputs).toEqual([
      { type: "speech.started" },
      { type: "transcript.partial", text: "hello there" },
      { type: "utterance", text: "hello there" },
      { type: "speech.ended" },
    ]);
  });

  it("stops sending the VAD a caller's digital silence once it has settled on it, but never while the caller speaks", async () => {
    const vad = new FakeVad();
    const inputs: SessionInput[] = [];
    const voice = new VoicePipeline({
      engines: { stt: new FakeStt(["hello"]), tts: new FakeTts(), vad },
      output: new RecordingOutput(),
      input: (event) => inputs.push(event),
    });
    // Half a second (25 frames) of digital silence goes to the VAD, the rest does not.
    await stream(voice, silence(40));
    expect(vad.feeds.length).toBe(25);
    // Speech goes at once, and so does the silence inside a turn, however long, until the VAD ends the turn.
    await stream(voice, [SPEECH_START, ...silence(40), SPEECH_END, ...silence(40)]);
    expect(vad.feeds.length).toBe(25 + 1 + 40 + 1 + 25);
    expect(inputs.map((input) => input.type)).toEqual(["speech.started", "transcript.partial", "utterance", "speech.ended"]);
  });

  it("tells an onTiming hook each step of a turn, in order, with the pipeline's clock", async () => {
    const marks: VoiceTimingMark[] = [];
    let clock = 0;
    const voice = new VoicePipeline({
      engines: { stt: new FakeStt(["yes"]), tts: new FakeTts(), vad: new FakeVad() },
      output: new RecordingOutput(),
      input: (event) => {
        if (event.type === "utterance") voice.speak({ type: "reply", text: "You said yes." });
      },
      now: () => (clock += 1),
      onTiming: (mark) => marks.push(mark),
    });
    for (const marker of [SPEECH_START, SPEECH_END]) voice.pushAudio(frame(marker));
    await voice.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(marks.map((mark) => mark.type)).toEqual(["speech.end", "transcript.final", "reply.begin", "reply.first_frame"]);
    expect(marks.slice(2)).toMatchObject([{ replyId: "r1" }, { replyId: "r1" }]);
    const times = marks.map((mark) => mark.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
