"use client";

import { useUpdateNodeInternals } from "@xyflow/react";
import { memo, useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import { nodeKinds, type NodeKind, type PortDescription } from "@/lib/flow";
import { useRunStore, type RunState } from "../test-panel/run-store";
import { useUiStore } from "../ui-store";
import { useNodeDetail } from "./node-detail";
import { PortHandle } from "./port-handle";

/**
 * Handles sit on the node's edge by margins instead of React Flow's `transform: translate(±50%, -50%)`, and the
 * output handles are placed in the ports box (one positioned box per node, not one per port row): each transform
 * or positioned element is a paint layer of its own, and thousands of them made every drag frame's layerization,
 * paint and pointer hit tests markedly slower on a large flow. Handles are 12 px (h-3 w-3), so 6 px is half.
 */
const inputHandleStyle = { transform: "none", marginTop: -6, marginLeft: -6 } as const;
/** The ports box has 4 px of padding (py-1) and 20 px rows (h-5): a port's middle is 14 px + 20 px per row down. */
const PORTS_TOP = 4;
const PORT_ROW = 20;
const outputHandleStyles = new Map<string, CSSProperties>();
function outputHandleStyle(kind: NodeKind, index: number): CSSProperties {
  const key = `${kind}:${index}`;
  let style = outputHandleStyles.get(key);
  if (!style) {
    style = {
      transform: "none",
      top: PORTS_TOP + index * PORT_ROW + PORT_ROW / 2,
      marginTop: -6,
      marginRight: -6,
      backgroundColor: nodeKinds[kind].color,
    };
    outputHandleStyles.set(key, style);
  }
  return style;
}

/** The ports box without its rows has their height: a 1 px top border, py-1 and a 20 px row per port. */
const compactPortsStyles = new Map<number, CSSProperties>();
function compactPortsStyle(count: number): CSSProperties {
  let style = compactPortsStyles.get(count);
  if (!style) {
    style = { height: 1 + 2 * PORTS_TOP + count * PORT_ROW };
    compactPortsStyles.set(count, style);
  }
  return style;
}

interface NodeShellProps {
  id: string;
  kind: NodeKind;
  label: string | undefined;
  selected: boolean;
  ports: PortDescription[];
  children?: ReactNode;
}

type NodeRunStatus = "failed" | "lit" | "visited" | "idle";

/** Where a test run stands at one node; failed wins over lit, lit over visited. */
function runStatusOf(state: RunState, id: string): NodeRunStatus {
  if (state.failedNodes[id] !== undefined) return "failed";
  if (state.currentNodeId === id) return "lit";
  return state.visitedNodes[id] === true ? "visited" : "idle";
}

/** The message of the runtime error a node failed with. */
function NodeFailure({ id }: { id: string }) {
  const message = useRunStore((state) => state.failedNodes[id]);
  return (
    <div data-testid="node-error" className="rounded-b-lg bg-red-50 px-3 py-1.5 text-[11px] text-red-700 dark:bg-red-950 dark:text-red-300">
      {message}
    </div>
  );
}

/** The frame every canvas node shares: header, body, one input handle and one labelled handle per output port. */
export const NodeShell = memo(function NodeShell({ id, kind, label, selected, ports, children }: NodeShellProps) {
  const description = nodeKinds[kind];
  // Each selector reads this node's entry only, so a change elsewhere does not re-render it.
  const issue = useUiStore((state) => state.nodeIssues[id]);
  // One run-store subscription a node (the failure's message is read by NodeFailure, shown only then): a large
  // flow mounts thousands of these, and each is work on mount and on every run-store change.
  const status = useRunStore((state) => runStatusOf(state, id));
  const detail = useNodeDetail();
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.map((port) => port.id).join("|");
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    // React Flow measures handles on mount and on resize; only ports that move without a resize (conditions
    // reordered) need a re-measure. Calling it on mount for every node makes loading a large flow quadratic.
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);

  const ring =
    status === "failed"
      ? "ring-2 ring-red-500"
      : status === "lit"
        ? "ring-4 ring-emerald-400"
        : issue === "error"
          ? "ring-2 ring-red-500/80 ring-dashed"
          : issue === "warning"
            ? "ring-2 ring-amber-400"
            : status === "visited"
              ? "ring-2 ring-emerald-500/70"
              : selected
                ? "ring-2 ring-sky-500"
                : "";

  return (
    <div
      data-testid={`node-${id}`}
      data-kind={kind}
      data-status={status}
      data-issue={issue ?? "none"}
      data-selected={selected ? "true" : "false"}
      className={`w-48 rounded-lg border border-zinc-200 bg-white text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 ${ring} ${selected ? "outline outline-sky-500" : ""}`}
    >
      {description.hasInput && (
        <PortHandle
          nodeId={id}
          portId="in"
          type="target"
          live={detail}
          className="!h-3 !w-3 !border-2 !border-white !bg-zinc-400"
          style={inputHandleStyle}
        />
      )}
      {/*
        Zoomed out, text is not drawn at all (detail is false), so a large flow mounts, styles and lays out far
        fewer elements; the header and port rows keep their fixed heights. The badge stays for tests and readers
        of the DOM, hidden by the sb-compact class (flow-canvas.css).
      */}
      <div className="flex h-7 items-center gap-2 rounded-t-lg px-3 text-white" style={{ backgroundColor: description.color }}>
        {detail && <span className="sb-text font-semibold uppercase tracking-wide">{description.label}</span>}
        {detail && label && <span className="sb-text truncate">· {label}</span>}
        {issue && (
          <span data-testid="node-issue-badge" className="sb-text ml-auto rounded bg-black/30 px-1.5 text-[10px] font-medium">
            {issue === "error" ? "error" : "warning"}
          </span>
        )}
      </div>
      {detail && children && <div className="sb-body px-3 py-2 leading-snug">{children}</div>}
      {ports.length > 0 && (
        <div
          className="relative border-t border-zinc-100 py-1 dark:border-zinc-800"
          style={detail ? undefined : compactPortsStyle(ports.length)}
        >
          {ports.map((port, index) => {
            const handle = (
              <PortHandle
                key={port.id}
                nodeId={id}
                portId={port.id}
                type="source"
                live={detail}
                testId={`handle-${id}-${port.id}`}
                className="!h-3 !w-3 !border-2 !border-white"
                style={outputHandleStyle(kind, index)}
              />
            );
            // Zoomed out there is no label, so no row either: the handles are placed in the ports box anyway.
            if (!detail) return handle;
            return (
              <div key={port.id} className="flex h-5 items-center justify-end px-3 text-[11px] text-zinc-500 dark:text-zinc-400">
                <span className="sb-text truncate">{port.label}</span>
                {handle}
              </div>
            );
          })}
        </div>
      )}
      {status === "failed" && <NodeFailure id={id} />}
    </div>
  );
});
