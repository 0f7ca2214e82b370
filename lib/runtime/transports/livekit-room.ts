import { Room } from "@livekit/rtc-node";
import { installLiveKitFfiCallback } from "./livekit-ffi-events";

/** The two fields of an FFI event a Room looks at to decide whether it is its own (protobuf-es message shapes). */
interface FfiEventHead {
  message: { case?: string; value?: { roomHandle?: bigint } };
}
/** The Room members (private in its typings) that its FFI events pass through: onFfiEvent is registered at connect. */
interface RoomInternals {
  onFfiEvent: (event: FfiEventHead) => Promise<void> | undefined;
  ffiHandle?: { handle: bigint };
}

/**
 * A Room that ignores other rooms' events before paying for them. rtc-node hands every FFI event of the process (every
 * audio frame of every call, every capture's confirmation) to every connected Room, and each Room takes an async lock
 * per event before it checks whose event it is: with n calls that is n locks and promises per frame, O(n²), and at 20
 * calls bench:livekit saw the runtime's event loop stall for a second. Here the check comes first and costs nothing.
 * Before the Room is connected (no handle yet) every event goes through, as the Room queues them itself.
 */
export function newRoom(): Room {
  installLiveKitFfiCallback();
  const room = new Room();
  const internals = room as unknown as RoomInternals;
  const handleAll = internals.onFfiEvent;
  // Not async: the EventEmitter ignores what it returns, and a promise per foreign event is what this saves.
  // The handle's number is read once per handle: FfiHandle.handle is a native getter, itself a cost at this rate.
  let handleRead: RoomInternals["ffiHandle"];
  let own: bigint | undefined;
  internals.onFfiEvent = (event) => {
    if (internals.ffiHandle !== handleRead) {
      handleRead = internals.ffiHandle;
      own = handleRead?.handle;
    }
    const { case: kind, value } = event.message;
    if (own !== undefined && kind !== "rpcMethodInvocation" && (kind !== "roomEvent" || value?.roomHandle !== own)) return undefined;
    return handleAll(event);
  };
  return room;
}
