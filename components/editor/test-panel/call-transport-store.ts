import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { LiveKitStatus } from "@/lib/config/livekit-status";

/** What carries a test call: the runtime's own Socket.IO endpoint, or a LiveKit room over WebRTC. */
export type CallTransport = "socketio" | "livekit";

export interface CallTransportState {
  transport: CallTransport;
  /** Whether this server can start LiveKit calls (GET /api/livekit); null until it has answered. */
  liveKit: LiveKitStatus | null;
  setTransport(transport: CallTransport): void;
  setLiveKit(status: LiveKitStatus): void;
}

/** The test panel's transport choice (remembered across visits) and the server's LiveKit status (asked each visit). */
export const useCallTransportStore = create<CallTransportState>()(
  persist(
    (set) => ({
      transport: "socketio",
      liveKit: null,
      setTransport(transport) {
        set({ transport });
      },
      setLiveKit(liveKit) {
        set({ liveKit });
      },
    }),
    {
      name: "switchboard.test-call-transport",
      storage: createJSONStorage(() => localStorage),
      version: 1,
      partialize: (state) => ({ transport: state.transport }),
    },
  ),
);

/** The transport a call starts on now: LiveKit only when chosen and the server has said it is configured. */
export function effectiveTransport(state: Pick<CallTransportState, "transport" | "liveKit">): CallTransport {
  return state.transport === "livekit" && state.liveKit?.configured === true ? "livekit" : "socketio";
}
