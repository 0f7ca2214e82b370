import { create } from "zustand";
import type { CollabPeer, CollabRefusal } from "@/lib/collab/collab-protocol";

/** How this editor stands with live co-editing. */
export type CollabStatus =
  /** Not (yet) connected: edits are saved over HTTP meanwhile. */
  | "connecting"
  /** Joined: teammates' edits arrive live, and this editor's go to them. */
  | "live"
  /** Was live, lost the connection: edits are kept here and sent on reconnecting. */
  | "reconnecting"
  /** The server closed the flow for this person (access removed, flow deleted): nothing more can be done here. */
  | "closed";

export interface PresenceState {
  status: CollabStatus;
  /** Why the flow was closed, as the server said. */
  closed: { code: CollabRefusal; message: string } | null;
  /** This editor's own peer id (its entry is not among `peers`). */
  selfId: string | null;
  /** Everyone else with the flow open, in the order they came. */
  peers: CollabPeer[];
}

export const initialPresenceState: PresenceState = { status: "connecting", closed: null, selfId: null, peers: [] };

/** Who else has the flow open, and this editor's connection to them. */
export const usePresenceStore = create<PresenceState>()(() => initialPresenceState);

/** Adds or updates one peer. */
export function upsertPeer(peers: readonly CollabPeer[], peer: CollabPeer): CollabPeer[] {
  const index = peers.findIndex((candidate) => candidate.peerId === peer.peerId);
  if (index === -1) return [...peers, peer];
  const next = [...peers];
  next[index] = peer;
  return next;
}
