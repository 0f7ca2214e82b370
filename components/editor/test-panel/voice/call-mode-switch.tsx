"use client";

import { Keyboard, Mic } from "lucide-react";
import { useRunStore } from "../run-store";
import { useCallModeStore, type CallMode } from "./call-mode-store";

const choices: ReadonlyArray<{ mode: CallMode; label: string; hint: string; Icon: typeof Mic }> = [
  { mode: "talk", label: "Talk", hint: "Test by speaking into the microphone; the bot answers aloud", Icon: Mic },
  { mode: "type", label: "Type", hint: "Test by typing; the bot answers in text", Icon: Keyboard },
];

/** Talk or Type, for the next call (remembered). A running call keeps its mode: the switch waits for its end. */
export function CallModeSwitch() {
  const mode = useCallModeStore((state) => state.mode);
  const status = useRunStore((state) => state.status);
  const busy = status === "running" || status === "starting";
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
          disabled={busy && mode !== choice}
          title={busy && mode !== choice ? `${hint}. Hang up first: a call keeps the way it started.` : hint}
          onClick={() => useCallModeStore.getState().setMode(choice)}
          className={`flex items-center gap-1 rounded px-1.5 py-0.5 text-xs disabled:opacity-50 ${
            mode === choice ? "bg-sky-700 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          }`}
        >
          <Icon size={12} aria-hidden /> {label}
        </button>
      ))}
    </div>
  );
}
