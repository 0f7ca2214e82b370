import { create } from "zustand";

/** The microphone of a voice test call: `off` before and after the call, `starting` while permission is asked. */
export type MicrophoneState = "off" | "starting" | "on";

export interface VoiceState {
  microphone: MicrophoneState;
  /** Muted: silence frames are sent instead of the microphone (silence still ends a turn and counts toward a timeout). */
  muted: boolean;
  /** The microphone's loudness, 0..1 (the meter). */
  level: number;
  /** Frames of the caller's audio sent this call. */
  framesSent: number;
  /** Frames of the bot's replies scheduled to play this call, whole replies played to their end, replies cut short. */
  framesScheduled: number;
  repliesPlayed: number;
  repliesCleared: number;
  /** The bot's audio is playing now. */
  botSpeaking: boolean;
  /** Over LiveKit: the agent's audio track is subscribed and its element is playing. */
  agentAudioPlaying: boolean;
}

export interface VoiceActions {
  reset(microphone: MicrophoneState): void;
  toggleMuted(): void;
  patch(patch: Partial<VoiceState>): void;
}

export const initialVoiceState: VoiceState = {
  microphone: "off",
  muted: false,
  level: 0,
  framesSent: 0,
  framesScheduled: 0,
  repliesPlayed: 0,
  repliesCleared: 0,
  botSpeaking: false,
  agentAudioPlaying: false,
};

/** A voice test call's audio state, apart from the run store: the meter changes fifty times a second. */
export const useVoiceStore = create<VoiceState & VoiceActions>()((set, get) => ({
  ...initialVoiceState,
  reset(microphone) {
    set({ ...initialVoiceState, microphone });
  },
  toggleMuted() {
    if (get().microphone === "on") set({ muted: !get().muted });
  },
  patch(patch) {
    set(patch);
  },
}));
