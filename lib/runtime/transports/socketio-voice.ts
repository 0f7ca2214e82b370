import type { Socket } from "socket.io";
import type { AudioOutput, VoiceEngines, VoiceTimingMark } from "../../voice/pipeline/voice-pipeline";
import { VoicePipeline } from "../../voice/pipeline/voice-pipeline";
import { voiceChoiceFor } from "../../voice/voice-choice";
import type { VoiceProviders } from "../../voice/voice-providers";
import type { ListenHints } from "../listen-hints";
import type { Reply } from "../outputs";
import type { Playout } from "../playout";
import type { Session } from "../session";
import type { SessionEvent } from "../session-events";
import { parseAudioFrame, parsePlayoutMark, type MessageError } from "./socketio-messages";
import type { FlowVoicePlan } from "../voice-plan";
import { SocketTransport } from "./socketio-transport";

/** How a Socket.IO runtime serves voice connections (`auth.audio` in the handshake). */
export interface SocketVoiceOptions {
  engines: VoiceEngines;
  /** The cloud providers this server has keys for, besides `engines`: a flow may choose them (voice-choice.ts). */
  providers?: VoiceProviders;
  /** Silence after voice activity that ends the caller's turn (500 ms by default). */
  endOfSpeechMs?: number;
  /** Told the steps of each connection's turns (by socket id, times from performance.now()): latency monitoring, bench:voice. */
  onTiming?: (socketId: string, mark: VoiceTimingMark) => void;
}

/**
 * A voice connection: caller audio frames in through the voice pipeline, replies out as audio frames with a playout
 * the client's `playout` mark finishes (docs/protocol.md#voice). Text `utterance`s still work beside it.
 */
export class VoiceSocketTransport extends SocketTransport {
  readonly #pipeline: VoicePipeline;
  readonly #clientTraces: boolean;

  constructor(
    socket: Socket,
    traceEnabled: boolean,
    options: SocketVoiceOptions & {
      listens?: ReadonlyMap<string, ListenHints>;
      voicePlan?: FlowVoicePlan;
      receive: Session["receive"];
    },
  ) {
    super(socket, traceEnabled);
    this.#clientTraces = traceEnabled;
    this.#pipeline = new VoicePipeline({
      engines: options.engines,
      output: socketAudioOutput(socket, () => this.isConnected),
      input: (event) => options.receive(event),
      listens: options.listens,
      ...(options.providers
        ? { choice: voiceChoiceFor(options.providers, options.voicePlan, (line) => console.warn(`[voice] ${line}`)) }
        : {}),
      endOfSpeechMs: options.endOfSpeechMs,
      onTiming: options.onTiming && ((mark) => options.onTiming?.(socket.id, mark)),
    });
  }

  override deliver(reply: Reply): Playout | void {
    if (!this.isConnected) return;
    return this.#pipeline.speak(reply);
  }

  /** The pipeline reads every log event (a listen's start sets what the recogniser expects); the client only if it asked. */
  override get wantsTraces(): boolean {
    return true;
  }

  override trace(event: SessionEvent): void {
    if (event.type === "listen.started") this.#pipeline.listenStarted(event.nodeId);
    if (this.#clientTraces) super.trace(event);
  }

  /** Wires the voice events of `socket` (besides utterance and hangup, which socketio.ts wires). */
  listen(socket: Socket, refuse: (error: MessageError) => void): void {
    socket.on("audio", (payload: unknown) => {
      const frame = parseAudioFrame(payload);
      if (!frame.ok) return refuse(frame.error);
      this.#pipeline.pushAudio(frame.samples);
    });
    socket.on("playout", (payload: unknown) => {
      const mark = parsePlayoutMark(payload);
      if (!mark.ok) return refuse(mark.error);
      if (!this.#pipeline.playoutMark(mark.replyId))
        refuse({ code: "unknown_reply", message: "No reply with that replyId is playing (it finished or was cleared)" });
    });
  }

  /** Disconnects at once; the engines' streams are released behind it. */
  override async close(): Promise<void> {
    await super.close();
    void this.#pipeline.close();
  }
}

/** The events a voice connection adds to the text protocol. */
export const VOICE_EVENTS: ReadonlySet<string> = new Set(["audio", "playout"]);

function socketAudioOutput(socket: Socket, connected: () => boolean): AudioOutput {
  return {
    begin(replyId, reply, voice) {
      if (!connected()) return;
      socket.emit("reply", {
        text: reply.text,
        replyId,
        voice,
        ...(reply.nodeId === undefined ? {} : { nodeId: reply.nodeId }),
        ...(reply.goodbye ? { goodbye: true } : {}),
        ...(reply.interruptible ? { interruptible: true } : {}),
      });
    },
    frame(_replyId, samples) {
      if (connected()) socket.emit("audio", Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
    },
    end(replyId, durationMs) {
      if (connected()) socket.emit("audio.end", { replyId, durationMs });
    },
    clear(replyId) {
      if (connected()) socket.emit("clear", { replyId });
    },
    transcript(text, final) {
      if (connected()) socket.emit("transcript", { text, final });
    },
  };
}
