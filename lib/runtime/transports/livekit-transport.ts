import { RpcError, type AudioSource, type Room } from "@livekit/rtc-node";
import type { RoomServiceClient } from "livekit-server-sdk";
import { VoicePipeline, type VoiceEngines } from "../../voice/pipeline/voice-pipeline";
import type { ListenHints } from "../listen-hints";
import type { Reply } from "../outputs";
import type { Playout } from "../playout";
import type { Session } from "../session";
import type { SessionEvent } from "../session-events";
import type { SessionEndInfo, SessionTransport } from "../transport";
import { LiveKitAudioInput } from "./livekit-audio-input";
import { LiveKitAudioOutput } from "./livekit-audio-output";
import { LIVEKIT_DATA_TOPIC, encodeServerMessage, type LiveKitServerEvent } from "./livekit-messages";
import type { MessageError } from "./socketio-messages";

export interface LiveKitTransportOptions {
  room: Room;
  roomName: string;
  /** The caller's identity in the room: `end` is confirmed with them before the room is deleted. */
  callerIdentity: string;
  /** The agent's published audio source: replies play into it. */
  source: AudioSource;
  rooms: RoomServiceClient;
  engines: VoiceEngines;
  listens?: ReadonlyMap<string, ListenHints>;
  endOfSpeechMs?: number;
  /** Whether the caller gets the session log as `trace` messages (the editor's test panel does, for the lit path). */
  traceEnabled: boolean;
  receive: Session["receive"];
  log: (line: string) => void;
}

/** The RPC that follows `end` (docs/protocol.md#livekit); a client may register it to get the reason, or ignore it. */
export const LIVEKIT_END_RPC_METHOD = "switchboard.end";
/** How long the End path waits for the caller's SDK to answer that RPC. */
const END_CONFIRM_TIMEOUT_MS = 1_000;
/** RPC errors that mean the caller's SDK did not answer (any other answer, an error too, came from it). */
const UNANSWERED: ReadonlySet<number> = new Set([
  RpcError.ErrorCode.CONNECTION_TIMEOUT,
  RpcError.ErrorCode.RESPONSE_TIMEOUT,
  RpcError.ErrorCode.RECIPIENT_DISCONNECTED,
]);

/**
 * The session's view of one LiveKit room: the caller's audio through the voice pipeline, replies into the agent's
 * track, everything else as reliable data messages on the `switchboard` topic. At the end, after the goodbye has
 * played out and `end` was sent: the room is deleted (every participant is disconnected by the server), then the
 * pipeline, the caller's audio stream, the source and the agent's connection are released.
 */
export class LiveKitTransport implements SessionTransport {
  static readonly kind = "livekit";
  readonly kind = LiveKitTransport.kind;
  readonly #options: LiveKitTransportOptions;
  readonly #output: LiveKitAudioOutput;
  readonly #pipeline: VoicePipeline;
  #input: LiveKitAudioInput | null = null;
  /** Data messages go out in order: each publishData is awaited before the next. */
  #sending: Promise<void> = Promise.resolve();
  #connected = true;
  #closed = false;
  #callerGone!: () => void;
  /** Resolves once the caller has gone (markDisconnected). */
  readonly #gone = new Promise<void>((resolve) => (this.#callerGone = resolve));

  constructor(options: LiveKitTransportOptions) {
    this.#options = options;
    this.#output = new LiveKitAudioOutput({
      source: options.source,
      send: (event, data) => this.send(event, data),
      played: (replyId) => this.#pipeline.playoutMark(replyId),
      log: options.log,
    });
    this.#pipeline = new VoicePipeline({
      engines: options.engines,
      output: this.#output,
      input: (event) => options.receive(event),
      listens: options.listens,
      endOfSpeechMs: options.endOfSpeechMs,
      log: options.log,
    });
  }

  /** The caller's audio track was subscribed: its frames feed the pipeline from now on (a new track replaces the old). */
  attachCallerAudio(track: ConstructorParameters<typeof LiveKitAudioInput>[0]): void {
    if (this.#closed) return;
    void this.#input?.close();
    this.#input = new LiveKitAudioInput(track, (frame) => this.#pipeline.pushAudio(frame), this.#options.log);
  }

  /** The caller left or the room is gone: nothing more is sent to them, and a wait for their answer stops. */
  markDisconnected(): void {
    this.#connected = false;
    this.#callerGone();
  }

  deliver(reply: Reply): Playout | void {
    if (!this.#connected) return;
    return this.#pipeline.speak(reply);
  }

  /** The pipeline reads every log event (a listen's start sets what the recogniser expects); the caller only if asked. */
  get wantsTraces(): boolean {
    return true;
  }

  trace(event: SessionEvent): void {
    if (event.type === "listen.started") this.#pipeline.listenStarted(event.nodeId);
    if (this.#options.traceEnabled) this.send("trace", event);
  }

  sendError(error: MessageError): void {
    this.send("error", error);
  }

  /**
   * Sends `end`, then resolves once the caller has received it. publishData resolves when the packet is handed to
   * LiveKit, not when it arrives, and deleting the room right after drops what is still in flight (seen here: the
   * last traces and `end` lost). So an RPC follows it on the same ordered, reliable channel: any answer from the
   * caller's SDK, even "unsupported method" from a client that registered no handler, proves everything before it
   * arrived. Bounded: a caller that does not answer within END_CONFIRM_TIMEOUT_MS is closed on anyway.
   */
  async sendEnd(end: SessionEndInfo): Promise<void> {
    if (!this.#connected) return;
    this.send("end", end);
    await this.#sending;
    const { room, callerIdentity, log } = this.#options;
    let timer: NodeJS.Timeout | undefined;
    try {
      const confirmed = room.localParticipant?.performRpc({
        destinationIdentity: callerIdentity,
        method: LIVEKIT_END_RPC_METHOD,
        payload: JSON.stringify(end),
        responseTimeout: END_CONFIRM_TIMEOUT_MS,
      });
      // The SDK's own wait for the RPC's acknowledgement is longer (seconds) than the End path may take.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${END_CONFIRM_TIMEOUT_MS} ms`)), END_CONFIRM_TIMEOUT_MS);
      });
      // A caller who has left is not waited for: there is nobody left to tell.
      await Promise.race([confirmed, late, this.#gone]);
    } catch (error) {
      if (error instanceof RpcError && typeof error.code === "number" && !UNANSWERED.has(error.code)) return;
      log(`the caller did not confirm "end": ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A data message to the room, in order; best effort once the caller has gone. */
  send(event: LiveKitServerEvent, data: unknown): void {
    if (!this.#connected || this.#closed) return;
    const payload = encodeServerMessage(event, data);
    const { room, log } = this.#options;
    this.#sending = this.#sending
      .then(() => room.localParticipant?.publishData(payload, { reliable: true, topic: LIVEKIT_DATA_TOPIC }))
      .catch((error: unknown) => log(`sending "${event}" failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Deletes the room (the caller is disconnected by the server), then releases every resource; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connected = false;
    const { room, rooms, roomName, source, log } = this.#options;
    this.#output.close();
    try {
      await rooms.deleteRoom(roomName);
    } catch (error) {
      // Already gone (deleted from outside, or the server restarted) is what deleting wanted; anything else is logged.
      const message = error instanceof Error ? error.message : String(error);
      if (!/does not exist/.test(message)) log(`deleting room ${roomName} failed: ${message}`);
    }
    await Promise.allSettled([this.#input?.close(), this.#pipeline.close(), source.close()]);
    this.#input = null;
    await room.disconnect().catch(() => undefined);
  }
}
