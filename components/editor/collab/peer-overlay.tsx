"use client";

import { ViewportPortal, useStore } from "@xyflow/react";
import { MousePointer2 } from "lucide-react";
import { useDocumentStore } from "../document-store";
import { usePresenceStore } from "./presence-store";

/** A node not measured yet is drawn at about a node's usual size. */
const FALLBACK_SIZE = { width: 220, height: 80 };

/**
 * Teammates on the canvas, in flow coordinates (so it pans and zooms with it): a ring in their colour around each
 * node they have selected, with their name, and their pointer. Nothing here takes a click.
 */
export function PeerOverlay() {
  const peers = usePresenceStore((state) => state.peers);
  const nodes = useDocumentStore((state) => state.nodes);
  // Names and pointers keep one size on screen whatever the zoom.
  const zoom = useStore((state) => state.transform[2]);
  if (peers.length === 0) return null;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return (
    <ViewportPortal>
      {peers.flatMap((peer) =>
        peer.selection.flatMap((nodeId) => {
          const node = byId.get(nodeId);
          if (!node) return [];
          const width = node.measured?.width ?? FALLBACK_SIZE.width;
          const height = node.measured?.height ?? FALLBACK_SIZE.height;
          return [
            <div
              key={`${peer.peerId}:${nodeId}`}
              data-testid="peer-selection"
              data-peer={peer.name}
              className="pointer-events-none absolute rounded-lg"
              style={{
                transform: `translate(${node.position.x - 4}px, ${node.position.y - 4}px)`,
                width: width + 8,
                height: height + 8,
                boxShadow: `0 0 0 ${2 / zoom}px ${peer.color}`,
              }}
            >
              <span
                className="absolute left-0 whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium text-white"
                style={{ backgroundColor: peer.color, bottom: "100%", transform: `scale(${1 / zoom})`, transformOrigin: "bottom left" }}
              >
                {peer.name}
              </span>
            </div>,
          ];
        }),
      )}
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.peerId}
            data-testid="peer-cursor"
            data-peer={peer.name}
            className="pointer-events-none absolute left-0 top-0 transition-transform duration-75 ease-linear"
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`, transformOrigin: "top left" }}
          >
            <MousePointer2 size={18} fill={peer.color} color="white" strokeWidth={1.5} aria-hidden />
            <span
              className="ml-3 whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium text-white"
              style={{ backgroundColor: peer.color }}
            >
              {peer.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
