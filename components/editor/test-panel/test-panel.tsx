"use client";

import { Loader2, PhoneOff, RotateCcw, Send, X } from "lucide-react";
import { useState } from "react";
import { useUiStore } from "../ui-store";
import { ChatLog } from "./chat-log";
import { TraceView, VariablesView } from "./run-details";
import { useRunStore } from "./run-store";
import { sendUtterance, startTestSession, stopTestSession } from "./session-controller";

const button =
  "flex items-center gap-1 rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800";

/** Chat with the current draft over Socket.IO, with its variables and trace. */
export function TestPanel() {
  const status = useRunStore((state) => state.status);
  const ended = useRunStore((state) => state.ended);
  const disconnected = useRunStore((state) => state.disconnected);
  const problem = useRunStore((state) => state.problem);
  const [text, setText] = useState("");
  const running = status === "running";

  return (
    <aside
      data-testid="test-panel"
      data-status={status}
      className="flex h-full w-96 shrink-0 flex-col border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
    >
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 className="text-sm font-semibold">Test chat</h2>
        <span data-testid="run-status" className="text-xs text-zinc-500">
          {status === "starting" ? "connecting…" : status}
        </span>
        <span className="ml-auto" />
        {running && (
          <button type="button" className={button} data-testid="hang-up" onClick={() => stopTestSession()}>
            <PhoneOff size={12} /> Hang up
          </button>
        )}
        <button type="button" className={button} data-testid="restart-session" onClick={() => void startTestSession()}>
          <RotateCcw size={12} /> Restart
        </button>
        <button
          type="button"
          title="Close"
          className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          data-testid="close-test"
          onClick={() => {
            stopTestSession();
            useRunStore.getState().reset("idle");
            useUiStore.getState().setTestOpen(false);
          }}
        >
          <X size={14} />
        </button>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-3">
        {status === "starting" && (
          <p className="flex items-center gap-2 text-xs text-zinc-500">
            <Loader2 size={14} className="animate-spin" /> Saving and starting a session…
          </p>
        )}
        {problem && (
          <p data-testid="run-problem" className="rounded bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
            {problem}
          </p>
        )}
        <ChatLog />
        {ended && (
          <div data-testid="ended-banner" className="rounded-md bg-zinc-100 px-3 py-2 text-center text-xs dark:bg-zinc-800">
            Call ended: <strong>{ended.reason}</strong>
            {ended.message && <span className="block text-zinc-600 dark:text-zinc-400">{ended.message}</span>}
          </div>
        )}
        {disconnected && (
          <p data-testid="connection-closed" className="text-center text-[11px] text-zinc-500">
            Connection closed ({disconnected})
          </p>
        )}
      </div>
      <form
        className="flex gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800"
        onSubmit={(event) => {
          event.preventDefault();
          sendUtterance(text);
          setText("");
        }}
      >
        <input
          data-testid="chat-input"
          className="flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          placeholder={running ? "Say something…" : "The session is not running"}
          disabled={!running}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          data-testid="chat-send"
          disabled={!running || text.trim() === ""}
          className="rounded-md bg-sky-600 px-3 text-white hover:bg-sky-700 disabled:opacity-50"
          title="Send"
        >
          <Send size={14} />
        </button>
      </form>
      <div className="space-y-3 border-t border-zinc-200 p-3 dark:border-zinc-800">
        <VariablesView />
        <TraceView />
      </div>
    </aside>
  );
}
