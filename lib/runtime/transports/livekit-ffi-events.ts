import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { FfiEvent, livekitInitialize } from "@livekit/rtc-ffi-bindings";

/** rtc-node's process-wide FFI client: an EventEmitter it keeps on globalThis (its class is not exported). */
interface FfiClientInstance {
  emit(event: "ffi_event", ffiEvent: FfiEvent): boolean;
  off(event: "ffi_event", listener: (ffiEvent: FfiEvent) => void): unknown;
}
type Holder = { _ffiClientInstance?: FfiClientInstance };

const FFI_EVENT = "ffi_event";
const INSTALLED = Symbol.for("switchboard.livekitFfiCallbackInstalled");

/** Audio streams' listeners by their native stream handle (routeAudioStream). */
const audioStreams = new Map<bigint, (ffiEvent: FfiEvent) => void>();

/**
 * Replaces the callback through which the LiveKit native library sends its events to JavaScript, for two reasons.
 *
 * Logs: rtc-node (0.13 and 1.x) initialises its native library with log capture on, and capture forwards every record
 * of every level, trace included, as FFI events that rtc-node never logs: on our 2 cores, 20 calls produced ~550 log
 * batches a second in steady state and ~20,000 while connecting, each encoded, decoded, and handed to every Room, audio
 * stream and pending request of the process. Re-initialising with capture off is the library's own switch (the native
 * setup replaces its config, callback included): records then go to the native env_logger, which prints what RUST_LOG
 * asks for to stderr. Unset, RUST_LOG is taken as `off`, the silence there was before: at the default (errors) every
 * End printed three "data channel closed unexpectedly" lines, as deleting the room closes them.
 *
 * Audio: every other event is emitted on rtc-node's client as its own callback does, but a frame of an audio stream
 * registered with routeAudioStream goes to that stream alone (see livekit-audio-stream.ts).
 *
 * Called before the first Room connects; rtc-node creates its client lazily on first use, so when it does not exist
 * yet the first assignment of it is caught and re-initialised at once.
 */
export function installLiveKitFfiCallback(): void {
  const holder = globalThis as Holder & { [INSTALLED]?: true };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  // Read by the native library when it first starts, which is after this (rtc-node starts it with the first Room).
  process.env.RUST_LOG ??= "off";
  if (holder._ffiClientInstance) return reinitialise(holder._ffiClientInstance);
  Object.defineProperty(globalThis, "_ffiClientInstance", {
    configurable: true,
    enumerable: false,
    get: () => undefined,
    set(client: FfiClientInstance) {
      Object.defineProperty(globalThis, "_ffiClientInstance", { value: client, writable: true, configurable: true });
      reinitialise(client);
    },
  });
}

/** rtc-node's client, once it exists. */
export function ffiClient(): FfiClientInstance | undefined {
  return (globalThis as Holder)._ffiClientInstance;
}

/** Sends the events of one native audio stream to `listener` alone, until the returned function is called. */
export function routeAudioStream(handle: bigint, listener: (ffiEvent: FfiEvent) => void): () => void {
  audioStreams.set(handle, listener);
  return () => {
    if (audioStreams.get(handle) === listener) audioStreams.delete(handle);
  };
}

function reinitialise(client: FfiClientInstance): void {
  livekitInitialize(
    (data) => {
      const event = FfiEvent.fromBinary(data);
      const { message } = event;
      const handle = message.case === "audioStreamEvent" ? message.value.streamHandle : undefined;
      const stream = handle === undefined ? undefined : audioStreams.get(handle);
      if (stream) stream(event);
      else client.emit(FFI_EVENT, event);
    },
    false,
    rtcNodeVersion(),
  );
}

/** The SDK version rtc-node reports to the server (its package.json; the package exports no version). */
function rtcNodeVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@livekit/rtc-node");
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}
