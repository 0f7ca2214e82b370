import {
  DisconnectReason,
  LocalAudioTrack,
  Room,
  RoomEvent,
  Track,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
} from "livekit-client";
import type { LiveKitCallGrant } from "@/lib/server/session-control";
import type { ActiveTestCall, CallFeed } from "../call-feed";
import { useRunStore } from "../run-store";
import { useVoiceStore } from "../voice/voice-store";
import type { LiveKitMicrophone } from "./livekit-microphone";

/** The data topic of a Switchboard room (docs/protocol.md#livekit; lib/runtime/transports/livekit-messages.ts). */
const DATA_TOPIC = "switchboard";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One test call in a LiveKit room, feeding the same run store as a Socket.IO call (call-feed.ts): the agent's data
 * messages are the Socket.IO events by name and payload, its audio track plays through an <audio> element, the
 * microphone (when talking) is published as the caller's track. The call is over at `end`, at a hang-up, or when the
 * room goes away; a room lost before `end` is a lost call, as a closed socket is.
 */
export class LiveKitTestCall implements ActiveTestCall {
  #closed = false;
  readonly #room = new Room({ adaptiveStream: false, dynacast: false });
  readonly #elements = new Set<HTMLMediaElement>();

  private constructor(
    private readonly feed: CallFeed,
    private readonly microphone: LiveKitMicrophone | null,
  ) {
    const room = this.#room;
    room.on(RoomEvent.DataReceived, (payload: Uint8Array, _from?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (!this.#closed && topic === DATA_TOPIC) this.#deliver(payload);
    });
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (!this.#closed && track.kind === Track.Kind.Audio) this.#play(track);
    });
    room.on(RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) => {
      if (this.#closed) return;
      const botSpeaking = speakers.some((speaker) => speaker.identity !== room.localParticipant.identity);
      useVoiceStore.getState().patch({ botSpeaking });
    });
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (this.#closed) return;
      // The runtime deletes the room after `end`; before it, the room closing (or the network going) loses the call.
      if (reason === DisconnectReason.ROOM_DELETED && useRunStore.getState().ended) return this.close();
      useRunStore.getState().connectionClosed();
      this.close();
    });
  }

  /** Joins the call's room (and publishes the microphone when there is one); a failure is said in the panel. */
  static async join(grant: LiveKitCallGrant, feed: CallFeed, microphone: LiveKitMicrophone | null): Promise<LiveKitTestCall> {
    const call = new LiveKitTestCall(feed, microphone);
    try {
      await call.#room.connect(grant.url, grant.token, { autoSubscribe: true });
      if (microphone) {
        const track = new LocalAudioTrack(microphone.track, undefined, true);
        await call.#room.localParticipant.publishTrack(track, { source: Track.Source.Microphone });
        microphone.onMuted = (muted) => void (muted ? track.mute() : track.unmute());
      }
    } catch (error) {
      call.close();
      useRunStore
        .getState()
        .failedWith(`Could not join the LiveKit room at ${grant.url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return call;
  }

  say(text: string): boolean {
    if (!useRunStore.getState().said(text) || this.#closed) return false;
    this.#send("utterance", { text });
    return true;
  }

  hangUp(): void {
    if (this.#closed) return;
    useRunStore.getState().endedWith({ reason: "hangup" });
    this.#send("hangup");
    this.close();
  }

  /** Leaves the room and releases the microphone and the agent's audio; late events are ignored. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.microphone?.stop();
    for (const element of this.#elements) element.remove();
    this.#elements.clear();
    useVoiceStore.getState().patch({ agentAudioPlaying: false, botSpeaking: false });
    void this.#room.disconnect();
  }

  /** One `{ event, data }` message from the agent, handed to the feed as the Socket.IO event of that name. */
  #deliver(payload: Uint8Array): void {
    let message: unknown;
    try {
      message = JSON.parse(decoder.decode(payload));
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null) return;
    const event: unknown = Reflect.get(message, "event");
    const data: unknown = Reflect.get(message, "data");
    // The agent sends the payloads of docs/protocol.md, the same types the Socket.IO events carry (session-wire.ts).
    switch (event) {
      case "session":
        return this.feed.session(data as Parameters<CallFeed["session"]>[0]);
      case "reply":
        return this.feed.reply(data as Parameters<CallFeed["reply"]>[0]);
      case "trace":
        return this.feed.trace(data as Parameters<CallFeed["trace"]>[0]);
      case "transcript":
        return this.feed.transcript(data as Parameters<CallFeed["transcript"]>[0]);
      case "error":
        return this.feed.error(data as Parameters<CallFeed["error"]>[0]);
      case "end":
        // The call is over (the goodbye has played out whole before `end` is sent): the page leaves the room itself,
        // rather than having it torn down under it by the room's deletion, which follows at once. Torn down, the
        // client's data channels close before it has read the server's leave, and livekit-client logs errors.
        this.feed.end(data as Parameters<CallFeed["end"]>[0]);
        return this.close();
      default:
      // audio.end and clear: LiveKit plays and cuts the track itself; nothing for the panel to do.
    }
  }

  #play(track: RemoteTrack): void {
    const element = track.attach();
    element.dataset.testid = "agent-audio";
    element.hidden = true;
    element.addEventListener("playing", () => useVoiceStore.getState().patch({ agentAudioPlaying: true }));
    document.body.append(element);
    this.#elements.add(element);
  }

  #send(event: string, data?: unknown): void {
    if (this.#room.state !== "connected") return;
    const payload = encoder.encode(JSON.stringify(data === undefined ? { event } : { event, data }));
    void this.#room.localParticipant.publishData(payload, { reliable: true, topic: DATA_TOPIC }).catch(() => undefined);
  }
}
