import type { TestSocket } from "../test-call";
import { askForMicrophone } from "./ask-for-microphone";
import { MicrophoneCapture } from "./microphone-capture";
import { WIRE_SAMPLE_RATE } from "./microphone-framer";
import { microphoneProblem } from "./microphone-problems";
import { ReplyPlayback } from "./reply-playback";
import { useVoiceStore } from "./voice-store";

/** How long the end of a call waits for queued audio to finish playing before closing the AudioContext. */
const MAX_DRAIN_SECONDS = 10;

/**
 * The audio side of a voice test call (docs/protocol.md#voice): the microphone framed and sent as `audio` in real
 * time, the bot's `audio` played as it streams, `playout` sent when a reply has played, `clear` obeyed (the
 * caller's `transcript`s reach the chat through the call's feed, call-feed.ts). One AudioContext at 16 kHz for both ways (Chromium then hands the
 * microphone over at the wire's rate). stop() releases all of it: the microphone's tracks stop (no recording dot
 * after the call) and the context closes.
 */
export class VoiceCallAudio {
  #socket: TestSocket | null = null;
  #stopped = false;
  #finishing = false;
  #drain: ReturnType<typeof setTimeout> | null = null;
  readonly #playback: ReplyPlayback;
  readonly #unsubscribe: () => void;

  private constructor(
    private readonly context: AudioContext,
    private readonly stream: MediaStream,
    private capture: MicrophoneCapture | null,
  ) {
    const voice = useVoiceStore.getState;
    this.#playback = new ReplyPlayback(context, {
      played: (replyId) => this.#socket?.emit("playout", { replyId }),
      progress: ({ framesScheduled, repliesPlayed, repliesCleared, speaking }) =>
        voice().patch({ framesScheduled, repliesPlayed, repliesCleared, botSpeaking: speaking }),
    });
    // The mute button and its shortcut change the store; the framer follows.
    this.#unsubscribe = useVoiceStore.subscribe((state) => {
      if (this.capture) this.capture.muted = state.muted;
    });
  }

  /** Opens the microphone and the audio context; throws a MicrophoneError in words when that is not possible. */
  static async open(): Promise<VoiceCallAudio> {
    const stream = await askForMicrophone();
    try {
      return await VoiceCallAudio.#startOn(new AudioContext({ sampleRate: WIRE_SAMPLE_RATE, latencyHint: "interactive" }), stream);
    } catch (error) {
      // Firefox refuses to connect a microphone to a context at another rate than the device's: capture at the
      // device's rate then, and let the framer resample to 16 kHz (replies' 16 kHz buffers are resampled on playback).
      if (!(error instanceof Error) || error.name !== "NotSupportedError") {
        for (const track of stream.getTracks()) track.stop();
        useVoiceStore.getState().reset("off");
        throw microphoneProblem(error);
      }
    }
    try {
      return await VoiceCallAudio.#startOn(new AudioContext({ latencyHint: "interactive" }), stream);
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      useVoiceStore.getState().reset("off");
      throw microphoneProblem(error);
    }
  }

  /** Starts capture and playback on `context`; closes the context (not the stream) if that fails. */
  static async #startOn(context: AudioContext, stream: MediaStream): Promise<VoiceCallAudio> {
    const audio = new VoiceCallAudio(context, stream, null);
    try {
      // Started from the Test click, so the page may play sound; resume() covers a context created suspended.
      await context.resume();
      audio.capture = await MicrophoneCapture.start(context, stream, {
        frame: (frame) => audio.#send(frame),
        level: (level) => useVoiceStore.getState().patch({ level }),
      });
    } catch (error) {
      audio.#release();
      throw error;
    }
    useVoiceStore.getState().patch({ microphone: "on" });
    return audio;
  }

  /** Wires the call's socket: frames go out once it is connected; the server's voice events are obeyed. */
  attach(socket: TestSocket): void {
    this.#socket = socket;
    const live =
      <Args extends unknown[]>(listener: (...args: Args) => void) =>
      (...args: Args) => {
        if (!this.#stopped) listener(...args);
      };
    socket.on(
      "reply",
      live((reply) => {
        if (reply.replyId) this.#playback.begin(reply.replyId);
      }),
    );
    socket.on(
      "audio",
      live((frame) => {
        if (frame instanceof ArrayBuffer) this.#playback.frame(frame);
      }),
    );
    socket.on(
      "audio.end",
      live(({ replyId }) => this.#playback.end(replyId)),
    );
    socket.on(
      "clear",
      live(({ replyId }) => this.#playback.clear(replyId)),
    );
    // The call is over: the microphone stops now; what is still queued (a goodbye the server did not wait for, when
    // its synthesis took longer than the server's bound) plays to its end first, then everything closes.
    socket.on(
      "end",
      live(() => this.finish()),
    );
    socket.on(
      "disconnect",
      live(() => this.finish()),
    );
  }

  /** The server ended the call: stops the microphone at once and closes once the queued audio has played (at most 10 s). */
  finish(): void {
    if (this.#stopped || this.#finishing) return;
    this.#finishing = true;
    this.capture?.stop();
    for (const track of this.stream.getTracks()) track.stop();
    useVoiceStore.getState().patch({ microphone: "off", level: 0 });
    const wait = Math.min(MAX_DRAIN_SECONDS, this.#playback.bufferedSeconds);
    if (wait === 0) return this.stop();
    this.#drain = setTimeout(() => this.stop(), Math.ceil(wait * 1000) + 50);
  }

  /** Everything but the microphone's tracks: the store subscription, playback, the context. */
  #release(): void {
    this.#stopped = true;
    if (this.#drain) clearTimeout(this.#drain);
    this.#unsubscribe();
    this.#playback.close();
    void this.context.close().catch(() => undefined);
  }

  #send(frame: Int16Array<ArrayBuffer>): void {
    const socket = this.#socket;
    if (this.#stopped || this.#finishing || !socket?.connected) return;
    socket.emit("audio", frame.buffer);
    useVoiceStore.getState().patch({ framesSent: useVoiceStore.getState().framesSent + 1 });
  }

  /** Stops the microphone and playback at once and closes the context (hang-up, restart, leaving); safe to repeat. */
  stop(): void {
    if (this.#stopped) return;
    this.#release();
    this.capture?.stop();
    for (const track of this.stream.getTracks()) track.stop();
    const voice = useVoiceStore.getState();
    voice.patch({ microphone: "off", level: 0, botSpeaking: false });
  }
}
