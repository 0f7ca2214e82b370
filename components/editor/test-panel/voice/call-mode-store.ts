import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

/** How the person takes part in a test call: typing, or talking through the microphone (typing still works then). */
export type CallMode = "type" | "talk";

export interface CallModeState {
  mode: CallMode;
  setMode(mode: CallMode): void;
}

/** The test panel's Talk / Type choice, remembered across visits (localStorage). */
export const useCallModeStore = create<CallModeState>()(
  persist(
    (set) => ({
      mode: "type",
      setMode(mode) {
        set({ mode });
      },
    }),
    { name: "switchboard.test-call-mode", storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);
