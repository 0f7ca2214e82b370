"use client";

import { Loader2, PhoneOff, RotateCcw, Send, Unplug, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useUiStore } from "../ui-store";
import { BlockingProblems } from "./blocking-problems";
import { ChatLog } from "./chat-log";
import { endSummary, runStatusLabels } from "./end-reasons";
import { TraceView, VariablesView } from "./run-details";
import { useRunStore } from "./run-store";
import { hangUpTestSession, sendUtterance, startTestSession, stopTestSession } from "./session-controller";
import { useCallModeStore } from "./voice/call-mode-store";
import { CallControls } from "./voice/call-controls";

const button =
  "flex items-center gap-1 rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800";

function CallOutcome() {
  const status = useRunStore((state) => state.status);
  const ended = useRunStore((state) => state.ended);
  const banner = useRef<HTMLDivElement>(null);
  // The chat scrolls to its last line; how the call ended comes after it and must be seen too.
  useEffect(() => {
    if (ended || status === "lost") banner.current?.scrollIntoView({ block: "nearest" });
  }, [ended, status]);
  if (status === "lost") {
    return (
      <div
        ref={banner}
        role="status"
        data-testid="call-lost"
        className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100"
      >
        <p className="flex items-center gap-1 font-semibold">
          <Unplug size={14} aria-hidden /> The call was lost
        </p>
        <p className="mt-0.5">The connection to the server closed before the call ended. Press Restart to call again.</p>
      </div>
    );
  }
  if (!ended) return null;
  const { title, detail } = endSummary(ended);
  return (
    <div
      ref={banner}
      role="status"
      data-testid="ended-banner"
      data-reason={ended.reason}
      className="rounded-md bg-zinc-100 px-3 py-2 text-center text-xs dark:bg-zinc-800"
    >
      <strong className="block">Call ended</strong>
      {title}
      {detail && <span className="block text-zinc-700 dark:text-zinc-300">{detail}</span>}
    </div>
  );
}

/** Chat with the current draft over Socket.IO, with its variables and trace. */
export function TestPanel({ width, onFocusNode }: { width: number; onFocusNode: (nodeId: string) => void }) {
  const status = useRunStore((state) => state.status);
  const problem = useRunStore((state) => state.problem);
  const notice = useRunStore((state) => state.notice);
  const [text, setText] = useState("");
  const running = status === "running";
  const talking = useCallModeStore((state) => state.mode) === "talk";

  return (
    <aside
      data-testid="test-panel"
      data-status={status}
      aria-label="Test chat"
      style={{ width }}
      className="@container flex h-full shrink-0 flex-col border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
    >
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 className="whitespace-nowrap text-sm font-semibold">Test chat</h2>
        <span data-testid="run-status" className="whitespace-nowrap text-xs text-zinc-600 dark:text-zinc-400">
          {runStatusLabels[status]}
        </span>
        <span className="ml-auto" />
        {running && (
          <button type="button" className={button} data-testid="hang-up" onClick={() => hangUpTestSession()}>
            <PhoneOff size={12} aria-hidden /> <span className="whitespace-nowrap">Hang up</span>
          </button>
        )}
        <button
          type="button"
          className={button}
          data-testid="restart-session"
          title="Restart the call"
          aria-label="Restart the call"
          onClick={() => void startTestSession()}
        >
          <RotateCcw size={12} aria-hidden /> <span className="hidden @sm:inline">Restart</span>
        </button>
        <button
          type="button"
          title="Close the test chat"
          aria-label="Close the test chat"
          className="rounded p-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          data-testid="close-test"
          onClick={() => {
            stopTestSession();
            useRunStore.getState().reset("idle");
            useUiStore.getState().setTestOpen(false);
          }}
        >
          <X size={14} aria-hidden />
        </button>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-3">
        {status === "starting" && (
          <p className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            <Loader2 size={14} className="animate-spin" aria-hidden /> Saving and starting a call…
          </p>
        )}
        {problem && (
          <p
            role="alert"
            data-testid="run-problem"
            className="rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {problem}
          </p>
        )}
        {status === "failed" && <BlockingProblems onFocusNode={onFocusNode} />}
        <ChatLog />
        <CallOutcome />
      </div>
      <CallControls />
      <form
        className="border-t border-zinc-200 p-3 dark:border-zinc-800"
        onSubmit={(event) => {
          event.preventDefault();
          // Kept in the box when it was not sent (the call ended meanwhile): the notice below says why.
          if (sendUtterance(text)) setText("");
        }}
      >
        <div className="flex gap-2">
          <input
            data-testid="chat-input"
            aria-label="What the caller says"
            className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            placeholder={
              running
                ? talking
                  ? "Speak, or type here…"
                  : "Say something…"
                : status === "starting"
                  ? "Connecting…"
                  : status === "ended" || status === "lost"
                    ? "The call is over"
                    : "No call yet"
            }
            disabled={!running}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button
            type="submit"
            data-testid="chat-send"
            disabled={!running || text.trim() === ""}
            className="rounded-md bg-sky-700 px-3 text-white hover:bg-sky-800 disabled:opacity-50"
            title="Send"
            aria-label="Send"
          >
            <Send size={14} aria-hidden />
          </button>
        </div>
        {notice && (
          <p role="status" data-testid="chat-notice" className="mt-1 text-xs text-amber-800 dark:text-amber-200">
            {notice}
          </p>
        )}
      </form>
      <div className="max-h-[45%] space-y-3 overflow-y-auto border-t border-zinc-200 p-3 dark:border-zinc-800">
        <VariablesView />
        <TraceView onFocusNode={onFocusNode} />
      </div>
    </aside>
  );
}
