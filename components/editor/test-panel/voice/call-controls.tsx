"use client";

import { Mic, MicOff, Volume2 } from "lucide-react";
import { useEffect } from "react";
import { MUTE_SHORTCUT_LABEL, isMuteShortcut } from "./mute-shortcut";
import { CallTransportSwitch } from "../call-transport-switch";
import { useRunStore } from "../run-store";
import { useCallModeStore } from "./call-mode-store";
import { CallModeSwitch } from "./call-mode-switch";
import { useVoiceStore } from "./voice-store";

/** Alt+M mutes and unmutes the microphone during a voice call, wherever the focus is (in the chat box too). */
function useMuteShortcut(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isMuteShortcut(event)) return;
      event.preventDefault();
      useVoiceStore.getState().toggleMuted();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [active]);
}

/** The microphone's loudness as a bar: a person sees at once whether they are heard. */
function LevelMeter() {
  const level = useVoiceStore((state) => state.level);
  const muted = useVoiceStore((state) => state.muted);
  return (
    <div
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(level * 100)}
      data-testid="mic-level"
      className="h-2 min-w-12 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
    >
      <div
        className={`h-full rounded-full ${muted ? "bg-zinc-400" : "bg-emerald-600"}`}
        style={{ width: `${Math.round(level * 100)}%`, transition: "width 60ms linear" }}
      />
    </div>
  );
}

/** Whether the bot is speaking or listening, or the microphone is off (then nothing is recorded). */
function voiceStatus(state: { microphone: string; muted: boolean; botSpeaking: boolean }): { text: string; speaking: boolean } {
  if (state.microphone === "starting") return { text: "Opening the microphone…", speaking: false };
  if (state.microphone !== "on") return { text: "Microphone off", speaking: false };
  if (state.botSpeaking) return { text: "Bot speaking", speaking: true };
  return { text: state.muted ? "Muted" : "Listening", speaking: false };
}

/**
 * The Socket.IO / LiveKit switch, the Talk / Type switch, and in Talk mode what the microphone is doing; during a voice call a second row has Mute
 * (Alt+M) and the level meter. Its data- attributes count what was sent and played (the e2e spec reads them).
 */
export function CallControls() {
  const mode = useCallModeStore((state) => state.mode);
  const status = useRunStore((state) => state.status);
  const microphone = useVoiceStore((state) => state.microphone);
  const muted = useVoiceStore((state) => state.muted);
  const botSpeaking = useVoiceStore((state) => state.botSpeaking);
  const framesScheduled = useVoiceStore((state) => state.framesScheduled);
  const repliesPlayed = useVoiceStore((state) => state.repliesPlayed);
  const repliesCleared = useVoiceStore((state) => state.repliesCleared);
  const framesSent = useVoiceStore((state) => state.framesSent);
  const agentAudioPlaying = useVoiceStore((state) => state.agentAudioPlaying);
  const on = microphone === "on";
  useMuteShortcut(on);
  const talking = mode === "talk" && status !== "idle";
  const shown = voiceStatus({ microphone, muted, botSpeaking });
  return (
    <div data-testid="call-controls" className="space-y-2 border-t border-zinc-200 px-3 py-2 text-xs dark:border-zinc-800">
      <CallTransportSwitch />
      <div className="flex items-center gap-2">
        <CallModeSwitch />
        {talking && (
          <span
            role="status"
            data-testid="voice-bar"
            data-microphone={microphone}
            data-muted={muted}
            data-frames-sent={framesSent}
            data-frames-played={framesScheduled}
            data-replies-played={repliesPlayed}
            data-replies-cleared={repliesCleared}
            data-agent-audio={agentAudioPlaying ? "playing" : "none"}
            className="ml-auto flex items-center gap-1 whitespace-nowrap text-zinc-700 dark:text-zinc-300"
          >
            {shown.speaking && <Volume2 size={12} aria-hidden />}
            {shown.text}
          </span>
        )}
      </div>
      {talking && microphone !== "off" && (
        <div className="flex items-center gap-2">
          <button
            type="button"
            data-testid="mute"
            aria-pressed={muted}
            disabled={!on}
            title={`${muted ? "Unmute" : "Mute"} the microphone (${MUTE_SHORTCUT_LABEL})`}
            onClick={() => useVoiceStore.getState().toggleMuted()}
            className={`flex shrink-0 items-center gap-1 rounded-md border px-2 py-1 disabled:opacity-50 ${
              muted
                ? "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
                : "border-zinc-300 hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
            }`}
          >
            {muted ? <MicOff size={12} aria-hidden /> : <Mic size={12} aria-hidden />}
            <span>{muted ? "Unmute" : "Mute"}</span>
            <kbd className="font-sans text-[10px] text-zinc-600 dark:text-zinc-400">{MUTE_SHORTCUT_LABEL}</kbd>
          </button>
          <LevelMeter />
        </div>
      )}
    </div>
  );
}
