"use client";

import { Handle, Position, useStoreApi } from "@xyflow/react";
import type { CSSProperties } from "react";

interface PortHandleProps {
  nodeId: string;
  portId: string;
  type: "source" | "target";
  /** Whether the node is drawn at full detail (see `useNodeDetail`). */
  live: boolean;
  className: string;
  style: CSSProperties;
  testId?: string;
}

/**
 * A port. At full detail it is React Flow's Handle, where connections start and end. Zoomed out below the detail
 * level, where a port is 3 px or less on screen, it is a marker with the Handle's classes, data attributes and box:
 * React Flow still measures it for the ends of edges, but it holds no subscription to React Flow's store. Every Handle holds one, and every subscriber is called on every change of that
 * store: on a 1,000-node flow the ~3,000 handles were a quarter of the subscribers, whose calls were half of each
 * drag frame's script.
 */
export function PortHandle({ nodeId, portId, type, live, className, style, testId }: PortHandleProps) {
  const store = useStoreApi();
  const position = type === "source" ? Position.Right : Position.Left;
  if (live) return <Handle type={type} position={position} id={portId} className={className} style={style} data-testid={testId} />;
  return (
    <div
      data-handleid={portId}
      data-nodeid={nodeId}
      data-handlepos={position}
      // The id React Flow looks a connection's end up by (the flow's id never changes, so reading it once is enough).
      data-id={`${store.getState().rfId}-${nodeId}-${portId}-${type}`}
      data-testid={testId}
      className={`react-flow__handle react-flow__handle-${position} nodrag nopan ${type} connectable connectablestart connectableend connectionindicator ${className}`}
      style={style}
    />
  );
}
