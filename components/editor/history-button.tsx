"use client";

import { History, Loader2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { FlowChange } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import { relativeTime } from "../flow-list/relative-time";
import { historyWords } from "./history-words";

type HistoryState = { kind: "loading" } | { kind: "failed"; message: string } | { kind: "ready"; changes: FlowChange[] };

/** The toolbar's History: who changed this flow, how and when, read when opened (Escape or a click outside closes it). */
export function HistoryButton({ flowId, className, labelClassName }: { flowId: string; className: string; labelClassName: string }) {
  const [open, setOpen] = useState(false);
  const [history, setHistory] = useState<HistoryState>({ kind: "loading" });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    flowApi
      .history(flowId)
      .then((changes) => current && setHistory({ kind: "ready", changes }))
      .catch(
        (error: unknown) => current && setHistory({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      current = false;
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open, flowId]);

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        className={className}
        data-testid="history-button"
        title="Who changed this flow, and when"
        aria-label="History"
        aria-expanded={open}
        onClick={() => {
          setHistory({ kind: "loading" });
          setOpen((was) => !was);
        }}
      >
        <History size={14} aria-hidden /> <span className={labelClassName}>History</span>
      </button>
      {open && (
        <section
          data-testid="history-panel"
          aria-label="History of this flow"
          className="absolute left-0 top-full z-50 mt-1 max-h-96 w-96 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">History</h2>
          {history.kind === "loading" && (
            <p className="flex items-center gap-2 text-zinc-500">
              <Loader2 size={14} className="animate-spin" aria-hidden /> Loading…
            </p>
          )}
          {history.kind === "failed" && <p className="text-red-700 dark:text-red-400">Could not load the history: {history.message}</p>}
          {history.kind === "ready" && history.changes.length === 0 && (
            <p className="text-zinc-500">Nothing recorded yet: changes from now on will show here.</p>
          )}
          {history.kind === "ready" && history.changes.length > 0 && (
            <ol className="space-y-1.5">
              {history.changes.map((change) => (
                <li key={change.id} data-testid="history-line" className="flex items-baseline gap-2">
                  <span className="min-w-0 flex-1">{historyWords(change)}</span>
                  <time className="shrink-0 text-xs text-zinc-500" dateTime={change.at} title={new Date(change.at).toLocaleString()}>
                    {relativeTime(change.at)}
                  </time>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
