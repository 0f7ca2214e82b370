"use client";

import { Keyboard, Mic } from "lucide-react";
import { useRunStore } from "../run-store";
import { startTestSession } from "../session-controller";
import { useCallModeStore, type CallMode } from "./call-mode-store";

const choices: ReadonlyArray<{ mode: CallMode; label: string; hint: string; Icon: typeof Mic }> = [
  { mode: "talk", label: "Talk", hint: "Test by speaking into the microphone; the bot answers aloud", Icon: Mic },
  { mode: "type", label: "Type", hint: "Test by typing; the bot answers in text", Icon: Keyboard },
];

/**
 * Talk or Type (remembered for the next visit). During a call, switching starts the call again the other way: a call
 * cannot change how it speaks midway (the audio format is declared when it connects).
 */
export function CallModeSwitch() {
  const mode = useCallModeStore((state) => state.mode);
  const status = useRunStore((state) => state.status);
  const live = status === "running" || status === "starting";
  return (
    <div
      role="radiogroup"
      aria-label="How to test"
      data-testid="call-mode"
      data-mode={mode}
      className="flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-600"
    >
      {choices.map(({ mode: choice, label, hint, Icon }) => (
        <button
          key={choice}
          type="button"
          role="radio"
          aria-checked={mode === choice}
          data-testid={`call-mode-${choice}`}
          title={live && mode !== choice ? `${hint}. Starts the call again.` : hint}
          onClick={() => {
            if (mode === choice) return;
            useCallModeStore.getState().setMode(choice);
            if (live) void startTestSession();
          }}
          className={`flex items-center gap-1 rounded px-1.5 py-0.5 text-xs ${
            mode === choice ? "bg-sky-700 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          }`}
        >
          <Icon size={12} aria-hidden /> {label}
        </button>
      ))}
    </div>
  );
}
