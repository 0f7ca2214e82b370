import {
  AudioSource,
  LocalAudioTrack,
  type Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  type RemoteAudioTrack,
  type RemoteParticipant,
  type RemoteTrack,
} from "@livekit/rtc-node";
import { newRoom } from "./livekit-room";
import { RoomServiceClient } from "livekit-server-sdk";
import { mintAgentToken, mintCallerToken } from "../../auth/livekit-token";
import { liveKitHttpUrl, type LiveKitConfig } from "../../config/livekit-config";
import { SAMPLE_RATE } from "../../voice/audio/pcm";
import type { VoiceEngines } from "../../voice/pipeline/voice-pipeline";
import { END_REASONS } from "../outputs";
import type { Session } from "../session";
import type { SessionSource } from "../session-events";
import { InputRejectedError } from "../session-input";
import { SessionOpenError, type AdmittedSession, type SessionCredentials, type SessionRunner } from "../session-runner";
import type { SessionEndInfo, SessionTransport } from "../transport";
import { LIVEKIT_DATA_TOPIC, decodeCallerMessage } from "./livekit-messages";
import type { LiveKitJobAssignment } from "./livekit-agent-worker";
import { parseDispatchMetadata, type DispatchMetadata } from "./livekit-dispatch";
import { roomNameForSession } from "./livekit-room-name";
import { LiveKitTransport } from "./livekit-transport";
import { parseUtterance } from "./socketio-messages";

export interface LiveKitRuntimeOptions {
  config: LiveKitConfig;
  engines: VoiceEngines;
  /** Silence after voice activity that ends the caller's turn (500 ms by default). */
  endOfSpeechMs?: number;
  /** How long the caller has to join their room before the session ends as `caller_absent` (30 s by default). */
  joinTimeoutMs?: number;
  /** The agent participant's identity in every room (`switchboard-agent`). */
  agentIdentity?: string;
  log?: (line: string) => void;
}

/** A call started in a LiveKit room: where the caller joins, with what, and the session's end. */
export interface LiveKitCall {
  sessionId: string;
  roomName: string;
  /** The LiveKit server the caller joins (LIVEKIT_PUBLIC_URL, else LIVEKIT_URL). */
  url: string;
  callerIdentity: string;
  /** The caller's join token: this room only, at most 10 minutes. */
  callerToken: string;
  expiresAt: Date;
  /** Resolves once the session has ended and the room is deleted. */
  ended: Promise<SessionEndInfo>;
}

/**
 * Runs sessions in LiveKit rooms, hosted by the transport-neutral runner. Two ways in: runDispatchedJob runs a job the
 * LiveKit server gave this process's agent worker (the server's path: POST livekit-calls dispatches, any registered
 * worker takes it); startCall joins a room of its own making directly (one process, no worker: tests and tools). Both
 * join as the agent participant and publish the reply track. The conversation starts once the caller is in and subscribed to the reply track (so
 * they hear the greeting from its first word); the caller leaving or the room closing takes the hang-up path.
 */
export class LiveKitRuntime {
  readonly #runner: SessionRunner;
  readonly #options: LiveKitRuntimeOptions;
  readonly #rooms: RoomServiceClient;
  readonly #log: (line: string) => void;

  constructor(runner: SessionRunner, options: LiveKitRuntimeOptions) {
    this.#runner = runner;
    this.#options = options;
    this.#rooms = new RoomServiceClient(liveKitHttpUrl(options.config.url), options.config.apiKey, options.config.apiSecret);
    this.#log = options.log ?? ((line) => console.warn(`[livekit] ${line}`));
  }

  /** The server API client (tests list rooms with it). */
  get rooms(): RoomServiceClient {
    return this.#rooms;
  }

  /**
   * Starts a call for the credentials' session; refuses with SessionOpenError as the runner does, or
   * `livekit_unavailable` when the LiveKit server cannot be reached.
   */
  async startCall(credentials: SessionCredentials, options: { trace?: boolean; callerIdentity?: string } = {}): Promise<LiveKitCall> {
    const admitted = await this.#runner.admit(LiveKitTransport.kind, credentials);
    const { config } = this.#options;
    const roomName = roomNameForSession(admitted.meta.sessionId);
    const callerIdentity = options.callerIdentity ?? `caller-${crypto.randomUUID().slice(0, 8)}`;
    const agentIdentity = this.#options.agentIdentity ?? "switchboard-agent";
    const joinTimeoutMs = this.#options.joinTimeoutMs ?? 30_000;
    const room = newRoom();
    let source: AudioSource | undefined;
    try {
      // The room empties itself if nobody ever joins; a live call's room is deleted by the End path.
      await this.#rooms.createRoom({ name: roomName, emptyTimeout: Math.ceil(joinTimeoutMs / 1000) + 10, maxParticipants: 2 });
      source = await this.#joinAsAgent(room, config.url, await mintAgentToken(config, roomName, agentIdentity));
    } catch (error) {
      await room.disconnect().catch(() => undefined);
      await this.#rooms.deleteRoom(roomName).catch(() => undefined);
      this.#log(`starting a call in ${roomName} failed: ${error instanceof Error ? error.message : String(error)}`);
      const message = `The LiveKit server at ${config.url} could not be reached; try again shortly`;
      await this.#endUnjoined(admitted, message);
      throw new SessionOpenError("livekit_unavailable", message);
    }
    const ended = this.#host(admitted, { room, roomName, source, callerIdentity, joinTimeoutMs, trace: options.trace === true });
    const caller = await mintCallerToken(config, { roomName, identity: callerIdentity });
    return {
      sessionId: admitted.meta.sessionId,
      roomName,
      url: config.url,
      callerIdentity,
      callerToken: caller.token,
      expiresAt: caller.expiresAt,
      ended,
    };
  }

  /**
   * Runs the session of a job the LiveKit server dispatched to this process's agent worker (the room already exists,
   * made by dispatchLiveKitCall with the job's metadata): admits its session token, joins with the assignment's
   * token, and resolves once the session has ended. A refused token ends the job at once: the room is deleted, so
   * the caller is disconnected rather than left waiting. `ended` aborting (the server terminated the job) ends the
   * session as an operator's end would.
   */
  async runDispatchedJob(assignment: LiveKitJobAssignment, { ended }: { ended?: AbortSignal } = {}): Promise<SessionEndInfo> {
    const roomName = assignment.job.room?.name ?? "";
    let metadata: DispatchMetadata;
    let admitted: Awaited<ReturnType<SessionRunner["admit"]>>;
    try {
      metadata = parseDispatchMetadata(assignment.job.metadata);
      admitted = await this.#runner.admit(LiveKitTransport.kind, { token: metadata.sessionToken });
    } catch (error) {
      // A job that names no session (a SIP dispatch rule's) or a refused one: the room goes, so its caller is hung up
      // rather than left in silence.
      await this.#rooms.deleteRoom(roomName).catch(() => undefined);
      throw error;
    }
    const room = newRoom();
    let source: AudioSource;
    try {
      source = await this.#joinAsAgent(room, assignment.url, assignment.token);
    } catch (error) {
      await room.disconnect().catch(() => undefined);
      await this.#rooms.deleteRoom(roomName).catch(() => undefined);
      const message = `Joining room ${roomName} failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.#endUnjoined(admitted, message);
      throw new SessionOpenError("livekit_unavailable", message);
    }
    return this.#host(admitted, {
      room,
      roomName,
      source,
      callerIdentity: metadata.callerIdentity,
      joinTimeoutMs: this.#options.joinTimeoutMs ?? 30_000,
      trace: metadata.trace === true,
      ended,
    });
  }

  /** Connects as the agent participant and publishes the reply track; returns the track's source. */
  async #joinAsAgent(room: Room, url: string, token: string): Promise<AudioSource> {
    await room.connect(url, token, { autoSubscribe: true, dynacast: false });
    const source = new AudioSource(SAMPLE_RATE, 1);
    try {
      const track = LocalAudioTrack.createAudioTrack("switchboard-replies", source);
      await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
    } catch (error) {
      await source.close().catch(() => undefined);
      throw error;
    }
    return source;
  }

  /** The session was claimed (its row written) on admission: it ends through the End path, so the row says why. */
  async #endUnjoined(admitted: AdmittedSession, message: string): Promise<void> {
    const { session, run } = this.#runner.host(admitted, new RoomlessTransport());
    const ended = run();
    session.terminate("livekit_unavailable", { message });
    await ended;
  }

  /** Hosts the admitted session in the joined room; resolves at its end. */
  #host(
    admitted: AdmittedSession,
    call: {
      room: Room;
      roomName: string;
      source: AudioSource;
      callerIdentity: string;
      joinTimeoutMs: number;
      trace: boolean;
      ended?: AbortSignal;
    },
  ): Promise<SessionEndInfo> {
    let receive: Session["receive"] = () => undefined;
    const transport = new LiveKitTransport({
      room: call.room,
      roomName: call.roomName,
      callerIdentity: call.callerIdentity,
      source: call.source,
      rooms: this.#rooms,
      engines: this.#options.engines,
      listens: admitted.listens,
      endOfSpeechMs: this.#options.endOfSpeechMs,
      traceEnabled: call.trace,
      receive: (input) => receive(input),
      log: this.#log,
    });
    const { session, run } = this.#runner.host(admitted, transport);
    receive = (input) => session.receive(input);
    const terminate = () =>
      session.terminate(END_REASONS.operator, { message: "The LiveKit server ended this call's job (its dispatch was deleted)" });
    if (call.ended?.aborted) terminate();
    call.ended?.addEventListener("abort", terminate, { once: true });
    return this.#converse(call.room, transport, session, run, {
      callerIdentity: call.callerIdentity,
      joinTimeoutMs: call.joinTimeoutMs,
      source: admitted.meta.source,
    }).finally(() => call.ended?.removeEventListener("abort", terminate));
  }

  /** Wires the room's events to the session, starts it once the caller can hear, and unwires everything at its end. */
  async #converse(
    room: Room,
    transport: LiveKitTransport,
    session: Session,
    run: () => Promise<SessionEndInfo>,
    options: { callerIdentity: string; joinTimeoutMs: number; source: SessionSource },
  ): Promise<SessionEndInfo> {
    const isCaller = (participant: RemoteParticipant | undefined) => participant?.identity === options.callerIdentity;
    /** The caller has gone (left, or the room went): nobody to tell. */
    const hangUp = () => {
      transport.markDisconnected();
      session.receive({ type: "hangup" });
    };
    let callerIn = false;
    let heard = false;
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const check = () => {
      if (callerIn && heard) ready();
    };

    const onParticipantConnected = (participant: RemoteParticipant) => {
      if (!isCaller(participant)) return;
      callerIn = true;
      check();
    };
    const onTrackSubscribed = (track: RemoteTrack, _publication: unknown, participant: RemoteParticipant) => {
      if (isCaller(participant) && track.kind === TrackKind.KIND_AUDIO) transport.attachCallerAudio(track as RemoteAudioTrack);
    };
    // Someone subscribed to the reply track: only the caller may join (two participants at most), so they hear it now.
    const onLocalTrackSubscribed = () => {
      heard = true;
      check();
    };
    const onParticipantDisconnected = (participant: RemoteParticipant) => {
      if (isCaller(participant)) hangUp();
    };
    const onDisconnected = () => hangUp();
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== LIVEKIT_DATA_TOPIC || !isCaller(participant)) return;
      const decoded = decodeCallerMessage(payload);
      if (!decoded.ok) return transport.sendError(decoded.error);
      const { event, data } = decoded.message;
      // An explicit hang-up is still answered with `end`, so the caller knows it took effect (as over Socket.IO).
      if (event === "hangup") return session.receive({ type: "hangup" });
      if (event !== "utterance") return transport.sendError({ code: "unknown_event", message: `Unknown event "${event.slice(0, 50)}"` });
      const utterance = parseUtterance(data);
      if (!utterance.ok) return transport.sendError(utterance.error);
      try {
        session.receive({ type: "utterance", text: utterance.text });
      } catch (error) {
        if (error instanceof InputRejectedError) transport.sendError({ code: error.code, message: error.message });
        else throw error;
      }
    };
    room
      .on(RoomEvent.ParticipantConnected, onParticipantConnected)
      .on(RoomEvent.TrackSubscribed, onTrackSubscribed)
      .on(RoomEvent.LocalTrackSubscribed, onLocalTrackSubscribed)
      .on(RoomEvent.ParticipantDisconnected, onParticipantDisconnected)
      .on(RoomEvent.Disconnected, onDisconnected)
      .on(RoomEvent.DataReceived, onData);

    // A dispatched agent may join after the caller: take whoever, and whatever audio, is already in the room.
    const already = room.remoteParticipants.get(options.callerIdentity);
    if (already) {
      callerIn = true;
      for (const publication of already.trackPublications.values())
        if (publication.track && publication.kind === TrackKind.KIND_AUDIO)
          transport.attachCallerAudio(publication.track as RemoteAudioTrack);
    }

    const timer = setTimeout(() => ready(), options.joinTimeoutMs);
    check();
    await started;
    clearTimeout(timer);
    const present = callerIn && heard;
    // Before run(): the session's first log events go out as it starts, and `session` comes first, as over Socket.IO.
    if (present) transport.send("session", { sessionId: session.id, source: options.source });
    else transport.markDisconnected();
    const ending = run();
    if (!present)
      session.terminate("caller_absent", { message: `The caller did not join within ${Math.round(options.joinTimeoutMs / 1000)} s` });
    try {
      return await ending;
    } finally {
      room
        .off(RoomEvent.ParticipantConnected, onParticipantConnected)
        .off(RoomEvent.TrackSubscribed, onTrackSubscribed)
        .off(RoomEvent.LocalTrackSubscribed, onLocalTrackSubscribed)
        .off(RoomEvent.ParticipantDisconnected, onParticipantDisconnected)
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.DataReceived, onData);
    }
  }
}

/** The transport of a session whose room could not be set up: nobody to deliver to, nothing to close. */
class RoomlessTransport implements SessionTransport {
  readonly kind = LiveKitTransport.kind;
  readonly wantsTraces = false;
  deliver(): void {}
  trace(): void {}
  async sendEnd(): Promise<void> {}
  async close(): Promise<void> {}
}
