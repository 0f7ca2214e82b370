import { MicrophoneFramer, meterLevel } from "./microphone-framer";
import { microphoneProblem, microphoneUnsupported } from "./microphone-problems";

/** The worklet module, served from public/ (a worklet is loaded by URL; see the file's header). */
export const MICROPHONE_WORKLET_URL = "/audio/microphone-worklet.js";
const PROCESSOR_NAME = "switchboard-microphone-tap";

/** What the capture reports: each 20 ms PCM16 frame to send, and the loudness of each block for the meter. */
export interface CaptureListeners {
  frame(frame: Int16Array<ArrayBuffer>): void;
  level(level: number): void;
}

/** Asks for the microphone, with the processing a call wants; refusals come back as MicrophoneErrors in words. */
export async function openMicrophone(): Promise<MediaStream> {
  if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia) throw microphoneUnsupported();
  try {
    // Echo cancellation keeps the bot's own voice, played through the speakers, from being heard as the caller.
    return await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    throw microphoneProblem(error);
  }
}

/**
 * The microphone, framed for the wire: stream → MediaStreamSource → worklet tap (20 ms blocks at the context's rate)
 * → MicrophoneFramer (16 kHz PCM16, 320-sample frames, silence while muted). The tap has no output, so it is pulled
 * by the audio thread without being wired to the speakers (the caller does not hear themselves).
 */
export class MicrophoneCapture {
  readonly #framer: MicrophoneFramer;

  private constructor(
    private readonly stream: MediaStream,
    private readonly source: MediaStreamAudioSourceNode,
    private readonly tap: AudioWorkletNode,
    sampleRate: number,
    listeners: CaptureListeners,
  ) {
    this.#framer = new MicrophoneFramer(sampleRate);
    tap.port.onmessage = (event: MessageEvent<Float32Array>) => {
      const block = event.data;
      listeners.level(this.#framer.muted ? 0 : meterLevel(block));
      for (const frame of this.#framer.push(block)) listeners.frame(frame);
    };
  }

  /** Starts capturing `stream` on `context`; the stream's tracks are the caller's to stop (stop() does). */
  static async start(context: AudioContext, stream: MediaStream, listeners: CaptureListeners): Promise<MicrophoneCapture> {
    if (!context.audioWorklet) throw microphoneUnsupported();
    await context.audioWorklet.addModule(MICROPHONE_WORKLET_URL);
    const source = context.createMediaStreamSource(stream);
    const tap = new AudioWorkletNode(context, PROCESSOR_NAME, { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
    source.connect(tap);
    return new MicrophoneCapture(stream, source, tap, context.sampleRate, listeners);
  }

  set muted(muted: boolean) {
    this.#framer.muted = muted;
  }

  /** Stops the microphone (the browser's recording indicator goes out) and unhooks the tap. */
  stop(): void {
    this.tap.port.onmessage = null;
    this.source.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
  }
}
