import { z } from "zod";

/*
 * Live co-editing over the app's Socket.IO, namespace `/collab` (docs/protocol.md#live-co-editing). Shared by the
 * server (lib/collab/collab-server.ts) and the editor (components/editor/collab/).
 */

export const COLLAB_NAMESPACE = "/collab";

/** The largest document update one message may carry; an editor's edit is a few hundred bytes. */
export const MAX_UPDATE_BYTES = 256 * 1024;
/** The most a flow's whole document may hold (as one update): what a save over HTTP may send (lib/http/request-body.ts). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** The most people on one flow at once (each costs the others their cursor's traffic). */
export const MAX_PEOPLE_PER_FLOW = 50;

export type CollabRole = "owner" | "editor" | "viewer";

/** The handshake's `auth`. The session cookie says who is asking. */
export const collabHandshakeSchema = z.strictObject({ flowId: z.string().min(1).max(100) });

/** Someone on the flow, as the server says they are (names come from accounts, never from the client). */
export interface CollabPeer {
  /** One per open editor: the same person in two tabs is two peers. */
  peerId: string;
  userId: string;
  name: string;
  /** A CSS colour, the same for one person everywhere. */
  color: string;
  role: CollabRole;
  /** Where their pointer is on the canvas, in flow coordinates; null when it is off the canvas. */
  cursor: { x: number; y: number } | null;
  /** The ids of the nodes they have selected. */
  selection: string[];
}

/** What an editor says about itself (`presence`). */
export const presenceSchema = z.strictObject({
  cursor: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).nullable(),
  selection: z.array(z.string().max(100)).max(500),
});
export type Presence = z.infer<typeof presenceSchema>;

/** The server's first message: the document as it is, and who is here. */
export interface CollabJoined {
  /** The caller's role: a viewer's updates are refused. */
  role: CollabRole;
  /** This editor's peer id. */
  peerId: string;
  /** The document's identity: a client holding another one's state must drop it, not merge it. */
  generation: string;
  /** The whole document as one Yjs update. */
  state: Uint8Array;
  /** The server's state vector: what the client has that the server lacks is sent back as one update. */
  stateVector: Uint8Array;
  /** The flow's revision as stored (it grows with every save). */
  revision: number;
  peers: CollabPeer[];
}

/** The answer to an `update`: once it is stored (`revision`), or why it was refused (nothing of it was applied). */
export type UpdateAck = { ok: true; revision: number } | { ok: false; code: CollabRefusal; message: string };

/** Why the server refused a connection or an update. */
export type CollabRefusal =
  | "unauthenticated"
  | "flow_not_found"
  | "read_only"
  | "bad_update"
  | "out_of_step"
  | "invalid_flow"
  | "too_large"
  | "flow_full"
  | "access_revoked"
  | "flow_deleted"
  | "unavailable";

/** Client → server events. */
export interface CollabClientEvents {
  /** A Yjs update of the caller's edits; acknowledged once stored. */
  update(update: Uint8Array, ack: (answer: UpdateAck) => void): void;
  presence(presence: Presence): void;
}

/** Server → client events. */
export interface CollabServerEvents {
  joined(joined: CollabJoined): void;
  /** A teammate's edits (or a save over HTTP), as a Yjs update. */
  update(update: Uint8Array): void;
  /** The flow was stored at this revision. */
  saved(saved: { revision: number }): void;
  peer(peer: CollabPeer): void;
  left(left: { peerId: string }): void;
  /** The caller's role changed (a viewer now, or an editor again). */
  role(role: { role: CollabRole }): void;
  /** The connection is refused or closed, with why; the server disconnects right after. */
  refused(refusal: { code: CollabRefusal; message: string }): void;
}
