"use client";

import { useUiStore } from "../ui-store";
import { useRunStore } from "./run-store";
import type { WireTraceEvent } from "./session-wire";

/** What a trace line says, naming nodes as people do; the node it is about, if any. */
function describe(event: WireTraceEvent, name: (nodeId: string) => string): string {
  switch (event.type) {
    case "node.entered":
      return `→ ${name(event.nodeId)}`;
    case "node.exited":
      return event.port ? `left ${name(event.nodeId)} by “${event.port}”` : `left ${name(event.nodeId)}`;
    case "node.failed":
      return `${name(event.nodeId)} failed: ${event.message}`;
    case "variables.changed":
      return `set ${Object.keys(event.changes).join(", ")}`;
    case "listen.started":
      return `listening (up to ${Math.round(event.timeoutMs / 1000)} s)`;
    case "listen.timeout":
      return "heard nothing in time";
    case "utterance":
      return `heard “${event.text}”`;
    case "utterance.retracted":
      return "caller went on speaking: hearing the whole answer";
    case "transcript.partial":
      return `hearing “${event.text}”…`;
    case "speech.started":
      return "caller speaking";
    case "speech.ended":
      return "caller stopped speaking";
    case "reply":
      return `said “${event.text}”`;
    case "reply.delivered":
      return event.outcome === "interrupted" && event.playbackPositionMs !== undefined
        ? `cut short after ${(event.playbackPositionMs / 1000).toFixed(1)} s`
        : `reply ${event.outcome.replace("_", " ")}`;
    case "session.started":
      return "call started";
    case "session.ended":
      return `call ended (${event.reason})`;
  }
}

function nodeOf(event: WireTraceEvent): string | undefined {
  switch (event.type) {
    case "node.entered":
    case "node.exited":
    case "node.failed":
      return event.nodeId;
    case "variables.changed":
    case "listen.started":
    case "listen.timeout":
    case "reply":
      return event.nodeId;
    default:
      return undefined;
  }
}

/** The session's variables. */
export function VariablesView() {
  const variables = useRunStore((state) => state.variables);
  const entries = Object.entries(variables);
  return (
    <section data-testid="variables" aria-labelledby="variables-heading">
      <h3 id="variables-heading" className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Variables
      </h3>
      {entries.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">None yet</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 font-mono text-xs">
          {entries.map(([name, value]) => (
            <div key={name} data-testid={`variable-${name}`} className="contents">
              <dt className="text-zinc-600 dark:text-zinc-400">{name}</dt>
              <dd className="truncate">{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The trace, newest last; a line about a node selects and reveals it. */
export function TraceView({ onFocusNode }: { onFocusNode: (nodeId: string) => void }) {
  const events = useRunStore((state) => state.events);
  const names = useUiStore((state) => state.nodeNames);
  const name = (nodeId: string) => names[nodeId] ?? "a node no longer in the flow";
  return (
    <section data-testid="trace" aria-labelledby="trace-heading">
      <h3 id="trace-heading" className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Trace
      </h3>
      <ol className="max-h-48 space-y-px overflow-y-auto text-[11px] text-zinc-700 dark:text-zinc-300">
        {events.map((event) => {
          const nodeId = nodeOf(event);
          const text = describe(event, name);
          const tone = event.type === "node.failed" ? "text-red-700 dark:text-red-400" : "";
          return (
            <li key={event.seq} data-testid="trace-event" data-type={event.type} data-node-id={nodeId ?? ""} className={tone}>
              {nodeId !== undefined && names[nodeId] !== undefined ? (
                <button
                  type="button"
                  className="w-full rounded px-1 text-left hover:bg-zinc-100 hover:underline dark:hover:bg-zinc-800"
                  title="Show this node"
                  onClick={() => onFocusNode(nodeId)}
                >
                  {text}
                </button>
              ) : (
                <span className="block px-1">{text}</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
