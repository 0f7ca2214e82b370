import { askForMicrophone } from "../voice/ask-for-microphone";
import { MicrophoneCapture } from "../voice/microphone-capture";
import { microphoneProblem } from "../voice/microphone-problems";
import { useVoiceStore } from "../voice/voice-store";

/**
 * The caller's microphone for a call over LiveKit: the same getUserMedia request and refusals in words as a Socket.IO
 * voice call (microphone-capture.ts), its track handed to livekit-client to publish, and the same worklet tap only
 * for the level meter (LiveKit carries the audio itself). Mute follows the voice store, as over Socket.IO.
 */
export class LiveKitMicrophone {
  readonly #unsubscribe: () => void;
  #stopped = false;
  /** Set once the track is published: mutes or unmutes it as the voice store's Mute (and Alt+M) says. */
  onMuted: (muted: boolean) => void = () => undefined;

  private constructor(
    readonly track: MediaStreamTrack,
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly meter: MicrophoneCapture,
  ) {
    this.#unsubscribe = useVoiceStore.subscribe((state, previous) => {
      if (state.muted !== previous.muted) this.onMuted(state.muted);
    });
  }

  /** Asks for the microphone; throws a MicrophoneError in words when it cannot be had. */
  static async open(): Promise<LiveKitMicrophone> {
    const stream = await askForMicrophone();
    const track = stream.getAudioTracks()[0];
    const context = new AudioContext({ latencyHint: "interactive" });
    try {
      if (!track) throw new DOMException("The microphone gave no audio track", "NotFoundError");
      await context.resume();
      const meter = await MicrophoneCapture.start(context, stream, {
        frame: () => undefined,
        level: (level) => useVoiceStore.getState().patch({ level }),
      });
      useVoiceStore.getState().patch({ microphone: "on" });
      return new LiveKitMicrophone(track, stream, context, meter);
    } catch (error) {
      for (const each of stream.getTracks()) each.stop();
      void context.close().catch(() => undefined);
      useVoiceStore.getState().reset("off");
      throw microphoneProblem(error);
    }
  }

  /** Stops the microphone (no recording dot after the call) and the meter; safe to repeat. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#unsubscribe();
    this.meter.stop();
    for (const track of this.stream.getTracks()) track.stop();
    void this.context.close().catch(() => undefined);
    useVoiceStore.getState().patch({ microphone: "off", level: 0, botSpeaking: false });
  }
}
