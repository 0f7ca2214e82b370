"use client";

import { useRunStore } from "./run-store";
import type { WireTraceEvent } from "./session-wire";

function describe(event: WireTraceEvent): string {
  switch (event.type) {
    case "node.entered":
      return `entered ${event.kind} ${event.nodeId}`;
    case "node.exited":
      return `left ${event.nodeId}${event.port ? ` via ${event.port}` : ""}`;
    case "node.failed":
      return `failed at ${event.nodeId}: ${event.message}`;
    case "variables.changed":
      return `set ${Object.keys(event.changes).join(", ")}`;
    case "listen.started":
      return `listening (${Math.round(event.timeoutMs / 1000)}s)`;
    case "listen.timeout":
      return "heard nothing: timeout";
    case "utterance":
      return `heard "${event.text}"`;
    case "reply":
      return `said "${event.text}"`;
    case "session.started":
      return "session started";
    case "session.ended":
      return `session ended: ${event.reason}`;
  }
}

/** The session's variables. */
export function VariablesView() {
  const variables = useRunStore((state) => state.variables);
  const entries = Object.entries(variables);
  return (
    <section data-testid="variables">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Variables</h3>
      {entries.length === 0 ? (
        <p className="text-xs text-zinc-500">None yet</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 font-mono text-xs">
          {entries.map(([name, value]) => (
            <div key={name} data-testid={`variable-${name}`} className="contents">
              <dt className="text-zinc-500">{name}</dt>
              <dd className="truncate">{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The trace, newest last. */
export function TraceView() {
  const events = useRunStore((state) => state.events);
  return (
    <section data-testid="trace">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Trace</h3>
      <ol className="max-h-48 space-y-0.5 overflow-y-auto font-mono text-[11px] text-zinc-600 dark:text-zinc-400">
        {events.map((event) => (
          <li
            key={event.seq}
            data-testid="trace-event"
            data-type={event.type}
            className={event.type === "node.failed" ? "text-red-600" : undefined}
          >
            <span className="text-zinc-400">{event.seq}</span> {describe(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
