import { AudioStream } from "@livekit/rtc-node";
import type { FfiEvent } from "@livekit/rtc-ffi-bindings";
import { ffiClient, installLiveKitFfiCallback, routeAudioStream } from "./livekit-ffi-events";

/** The members (internal in rtc-node's typings) of an audio stream's source and of the track that lists it. */
interface AudioStreamSourceInternals {
  onEvent: (event: FfiEvent) => void;
  ffiHandle: { handle: bigint };
  teardown: () => void;
}
type Track = ConstructorParameters<typeof AudioStream>[0];
type AudioStreamOptions = ConstructorParameters<typeof AudioStream>[1];
interface TrackInternals {
  audioStreams?: Set<WeakRef<AudioStreamSourceInternals>>;
}

/**
 * An AudioStream whose frames go to it alone. rtc-node registers every audio stream as a listener of every FFI event
 * of the process, and each stream reads its native handle (a native getter) to decide whether an event is its own:
 * with n calls every caller's frame costs n such calls, O(n²), the largest of the runtime's own costs at 20 LiveKit
 * calls. Here the stream's listener leaves the process-wide emitter for routeAudioStream, which hands each frame
 * straight to its stream, until the stream tears down (its end, a cancel, or its track unsubscribed).
 *
 * The source is found through the track, which lists its streams. Should a later rtc-node change that, the stream
 * works as rtc-node made it, only at the old cost (livekit-room.test.ts pins that the routing happens).
 */
export function newAudioStream(track: Track, options: AudioStreamOptions): AudioStream {
  installLiveKitFfiCallback();
  // rtc-node types the track's stream list as internal; TrackInternals names the one member read here.
  const listed = (track as unknown as TrackInternals).audioStreams;
  const before = new Set(listed);
  const stream = new AudioStream(track, options);
  const source = [...(listed ?? [])].find((ref) => !before.has(ref))?.deref();
  const client = ffiClient();
  if (!source || !client || typeof source.onEvent !== "function" || typeof source.teardown !== "function") return stream;
  // Construction is synchronous and events arrive through the event loop, so no frame is missed in the move.
  client.off("ffi_event", source.onEvent);
  const unroute = routeAudioStream(source.ffiHandle.handle, source.onEvent);
  const teardown = source.teardown.bind(source);
  source.teardown = () => {
    unroute();
    teardown();
  };
  return stream;
}
