import { randomUUID } from "node:crypto";
import type { Namespace, Socket } from "socket.io";
import * as Y from "yjs";
import type { Database } from "../db/prisma-client";
import { noteFlowChange } from "../flows/flow-history";
import { loadCollabStart, loadFlow, storeCollab } from "./collab-store";
import { checkDraft, type CheckedDraft } from "./draft-check";
import {
  MAX_DOCUMENT_BYTES,
  MAX_UPDATE_BYTES,
  type CollabClientEvents,
  type CollabPeer,
  type CollabRefusal,
  type CollabServerEvents,
  type Presence,
  type UpdateAck,
} from "./collab-protocol";
import { documentOf, nameOf, readGraph, writeGraph } from "./flow-doc";

/** Quiet time after an update before the draft is stored: a drag's updates are stored together. */
const STORE_DELAY_MS = 150;
/**
 * The longest an update waits to be stored while edits keep coming (20 people editing never leave 150 ms of quiet):
 * its editor's "Saved" and the edit's survival of a crash must not wait for everyone to stop.
 */
const STORE_AT_MOST_AFTER_MS = 1000;
/** Wait before storing again after the database failed. */
const RETRY_MS = 1000;
/** One person's pointer is passed on at most this often. */
const PRESENCE_EVERY_MS = 25;

export type CollabNamespace = Namespace<CollabClientEvents, CollabServerEvents, Record<string, never>, CollabSocketData>;
export type CollabSocket = Socket<CollabClientEvents, CollabServerEvents, Record<string, never>, CollabSocketData>;

/** Someone here: their socket, what the others are told of them, and when their presence was last passed on. */
interface PeerEntry {
  socket: CollabSocket;
  peer: CollabPeer;
  presenceAt: number;
  /** Passes on the latest presence once the 25 ms since the last one are up (the last pointer position is never dropped). */
  presenceTimer?: ReturnType<typeof setTimeout> | undefined;
}

/** Who a co-editing socket is, set by the handshake check (collab-server.ts). */
export interface CollabSocketData {
  userId: string;
  name: string;
  flowId: string;
  role: CollabPeer["role"];
}

/**
 * One flow being co-edited: its Yjs document (the truth while anyone has the flow open), who is here, and the storing
 * of the draft. Every update is checked on a copy first (a teammate's client may send anything), applied, passed to
 * the others, and acknowledged once the draft it made is stored, so an acknowledged edit survives the server.
 */
export class CollabRoom {
  readonly peers = new Map<string, PeerEntry>();
  private pendingActors = new Set<string>();
  /** Who renamed the flow since it was last stored (the history's "renamed" line is theirs). */
  private pendingRenamer: string | null = null;
  private pendingAcks: ((answer: UpdateAck) => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest update not yet being stored arrived (null: none waits). */
  private pendingSince: number | null = null;
  private storing: Promise<void> | null = null;
  private closed = false;
  /**
   * A copy of the document that each update is tried on first, kept in step by applying every accepted update to it
   * too: copying the document for each update cost ~8 ms at 1,000 nodes. Null when it must be made again: after a
   * refused update (it holds that update), or after a change the room made to the document itself.
   */
  private trial: Y.Doc | null = null;
  private applyingChecked = false;
  /** At least the document's size as one update: exact when it was last encoded, plus every update accepted since. */
  private documentBytes = 0;

  private constructor(
    private readonly nsp: CollabNamespace,
    private readonly db: Database,
    readonly flowId: string,
    public workspaceId: string,
    private readonly doc: Y.Doc,
    /** The document as last stored: a save over HTTP is merged as a change from it (mergeStored). */
    private readonly stored: Y.Doc,
    private revision: number,
    private name: string,
    readonly generation: string,
    private readonly log: (line: string) => void,
  ) {
    doc.on("update", () => {
      if (!this.applyingChecked) this.trial = null;
    });
  }

  /** Opens a flow's document: as last co-edited, with any save over HTTP since merged in; null when there is no such flow. */
  static async open(nsp: CollabNamespace, db: Database, flowId: string, log: (line: string) => void): Promise<CollabRoom | null> {
    const start = await loadCollabStart(db, flowId);
    if (!start) return null;
    const { flow, stored } = start;
    let doc: Y.Doc;
    if (stored) {
      doc = new Y.Doc();
      Y.applyUpdate(doc, stored.state);
      // Saved over HTTP since: the document takes that draft as an edit of its own, so teammates' clients merge it.
      if (stored.revision !== flow.revision) doc.transact(() => writeGraph(doc, flow.graph, flow.name), SERVER_EDIT);
    } else {
      doc = documentOf(flow.graph, flow.name);
    }
    const generation = stored?.generation ?? randomUUID();
    const room = new CollabRoom(nsp, db, flowId, flow.workspaceId, doc, copyOf(doc), flow.revision, flow.name, generation, log);
    room.documentBytes = Y.encodeStateAsUpdate(doc).byteLength;
    // Kept from the first open, so an editor that reconnects after everyone left merges into the same document.
    if (!stored || stored.revision !== flow.revision) await room.storeState();
    return room;
  }

  get key(): string {
    return `flow:${this.flowId}`;
  }

  get empty(): boolean {
    return this.peers.size === 0;
  }

  /** Welcomes an editor: the document, who is here, and its own peer entry for the others. */
  join(socket: CollabSocket): void {
    const { userId, name, role } = socket.data;
    const peer: CollabPeer = { peerId: socket.id, userId, name, color: colorOf(userId), role, cursor: null, selection: [] };
    const others = [...this.peers.values()].map((entry) => entry.peer);
    this.peers.set(socket.id, { socket, peer, presenceAt: 0 });
    void socket.join(this.key);
    socket.emit("joined", {
      role,
      peerId: socket.id,
      generation: this.generation,
      state: Y.encodeStateAsUpdate(this.doc),
      stateVector: Y.encodeStateVector(this.doc),
      revision: this.revision,
      peers: others,
    });
    socket.to(this.key).emit("peer", peer);
  }

  leave(socket: CollabSocket): void {
    clearTimeout(this.peers.get(socket.id)?.presenceTimer);
    if (!this.peers.delete(socket.id)) return;
    this.nsp.to(this.key).emit("left", { peerId: socket.id });
  }

  /** An editor's update: checked, applied, passed on, stored, then acknowledged. */
  receive(socket: CollabSocket, update: unknown, ack: (answer: UpdateAck) => void): void {
    const entry = this.peers.get(socket.id);
    if (!entry || this.closed) return ack({ ok: false, code: "unavailable", message: "This editor is not connected to the flow" });
    if (entry.peer.role === "viewer") {
      return ack({ ok: false, code: "read_only", message: "You can view this flow but not change it: ask an owner to make you an editor" });
    }
    const checked = this.check(update);
    if (!checked.ok) return ack(checked);
    const bytes = update as Uint8Array;
    if (checked.name !== nameOf(this.doc)) this.pendingRenamer = entry.peer.userId;
    // The trial copy has this update already.
    this.applyingChecked = true;
    try {
      Y.applyUpdate(this.doc, bytes, socket.id);
    } finally {
      this.applyingChecked = false;
    }
    socket.to(this.key).emit("update", bytes);
    this.documentBytes += bytes.byteLength;
    this.pendingActors.add(entry.peer.userId);
    this.pendingAcks.push(ack);
    this.scheduleStore(STORE_DELAY_MS);
  }

  /**
   * Passes on where someone's pointer is and what they selected: at most every 25 ms each, the latest winning, so a
   * flood of presence costs the others nothing and the last position still arrives.
   */
  presence(socket: CollabSocket, presence: Presence): void {
    const entry = this.peers.get(socket.id);
    if (!entry) return;
    entry.peer = { ...entry.peer, cursor: presence.cursor, selection: presence.selection };
    const wait = entry.presenceAt + PRESENCE_EVERY_MS - Date.now();
    if (wait <= 0) return this.passOnPresence(entry);
    entry.presenceTimer ??= setTimeout(() => {
      entry.presenceTimer = undefined;
      if (this.peers.get(socket.id) === entry) this.passOnPresence(entry);
    }, wait);
  }

  private passOnPresence(entry: PeerEntry): void {
    entry.presenceAt = Date.now();
    entry.socket.to(this.key).emit("peer", entry.peer);
  }

  /** A person's role here changed: a viewer's edits are refused from now on, and everyone sees the new role. */
  changeRole(socketId: string, role: CollabPeer["role"]): void {
    const entry = this.peers.get(socketId);
    if (!entry || entry.peer.role === role) return;
    entry.peer = { ...entry.peer, role };
    entry.socket.data.role = role;
    entry.socket.emit("role", { role });
    this.nsp.to(this.key).emit("peer", entry.peer);
  }

  /** Tells one editor why and closes its connection. */
  refuse(socketId: string, code: CollabRefusal, message: string): void {
    const entry = this.peers.get(socketId);
    if (!entry) return;
    entry.socket.emit("refused", { code, message });
    this.leave(entry.socket);
    entry.socket.disconnect(true);
  }

  /**
   * The flow changed in the database other than through this room (a save over HTTP, a move, a delete): the stored
   * draft is merged in as a change from what this room last stored, so a teammate's concurrent edits elsewhere survive.
   * Resolves false when the flow is gone.
   */
  async mergeStored(): Promise<boolean> {
    const flow = await loadFlow(this.db, this.flowId);
    if (!flow) {
      this.closeAll("flow_deleted", "This flow was deleted");
      return false;
    }
    this.workspaceId = flow.workspaceId;
    if (flow.revision === this.revision) return true;
    const base = copyOf(this.stored);
    base.transact(() => writeGraph(base, flow.graph, flow.name));
    const change = Y.encodeStateAsUpdate(base, Y.encodeStateVector(this.stored));
    Y.applyUpdate(this.stored, change);
    Y.applyUpdate(this.doc, change, SERVER_EDIT);
    this.documentBytes += change.byteLength;
    this.nsp.to(this.key).emit("update", change);
    this.revision = flow.revision;
    this.name = flow.name;
    // What teammates changed meanwhile is not in that draft yet.
    if (!sameGraph(readGraph(this.doc), { name: flow.name, graph: flow.graph })) this.scheduleStore(0);
    else await this.storeState();
    return true;
  }

  /** Stores what is pending now and waits for it (a room closing, the server stopping). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.storing || this.pendingAcks.length > 0 || this.pendingActors.size > 0) {
      if (this.storing) await this.storing;
      else await this.store();
      if (this.closed) return;
    }
  }

  closeAll(code: CollabRefusal, message: string): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const ack of this.pendingAcks.splice(0)) ack({ ok: false, code, message });
    for (const socketId of [...this.peers.keys()]) this.refuse(socketId, code, message);
  }

  private check(update: unknown): CheckedDraft {
    if (!(update instanceof Uint8Array)) return { ok: false, code: "bad_update", message: "An update is a Yjs update, sent as binary" };
    if (update.byteLength > MAX_UPDATE_BYTES) {
      return { ok: false, code: "too_large", message: `One update may be at most ${MAX_UPDATE_BYTES} bytes` };
    }
    const trial = (this.trial ??= copyOf(this.doc));
    let checked: CheckedDraft = { ok: false, code: "bad_update", message: "That is not a Yjs update of this flow" };
    try {
      Y.applyUpdate(trial, update);
      checked = this.checkTrial(trial, update.byteLength);
    } catch {
      // Not a Yjs update: `checked` says so.
    }
    if (!checked.ok) this.trial = null;
    return checked;
  }

  /** The trial copy after an update: its document, its size, then its draft. */
  private checkTrial(trial: Y.Doc, updateBytes: number): CheckedDraft {
    try {
      return documentProblem(trial) ?? this.sizeProblem(trial, updateBytes) ?? checkDraft(readGraph(trial));
    } catch {
      // A Yjs update, but not of the document's shape (a node written as plain JSON rather than a Y.Map, say).
      return { ok: false, code: "invalid_flow", message: "That update does not have the shape of a flow's document (docs/protocol.md)" };
    }
  }

  /** The document may hold as much as a save over HTTP may send, so a co-edited draft can still be saved and exported. */
  private sizeProblem(trial: Y.Doc, updateBytes: number): CheckedDraft | null {
    // Encoding the document costs as much as copying it: only near the limit is it measured exactly.
    if (this.documentBytes + updateBytes <= MAX_DOCUMENT_BYTES) return null;
    const bytes = Y.encodeStateAsUpdate(trial).byteLength;
    if (bytes <= MAX_DOCUMENT_BYTES) {
      this.documentBytes = bytes - updateBytes;
      return null;
    }
    return { ok: false, code: "too_large", message: `A flow's document may hold at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB` };
  }

  private scheduleStore(delay: number): void {
    if (this.storing || this.closed) return;
    const now = Date.now();
    this.pendingSince ??= now;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.store(), Math.max(0, Math.min(delay, this.pendingSince + STORE_AT_MOST_AFTER_MS - now)));
  }

  private store(): Promise<void> {
    this.storing ??= this.storeOnce().finally(() => {
      this.storing = null;
      if (this.pendingAcks.length > 0 || this.pendingActors.size > 0) this.scheduleStore(this.failedAt ? RETRY_MS : 0);
    });
    return this.storing;
  }

  private failedAt: number | null = null;

  private async storeOnce(): Promise<void> {
    this.pendingSince = null;
    const acks = this.pendingAcks.splice(0);
    const actors = [...this.pendingActors];
    const renamer = this.pendingRenamer;
    this.pendingActors.clear();
    this.pendingRenamer = null;
    try {
      const checked = checkDraft(readGraph(this.doc));
      // Every update was checked against the document it joined; merging two valid ones can still break a rule
      // (two people adding nodes past the limit): the draft is then kept in the document, not stored, and the editors told.
      if (!checked.ok) {
        for (const ack of acks) ack(checked);
        return;
      }
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = this.revision;
        const state = Y.encodeStateAsUpdate(this.doc);
        this.documentBytes = state.byteLength;
        const outcome = await storeCollab(this.db, {
          flowId: this.flowId,
          basedOn: before,
          name: checked.name,
          graph: checked.graph,
          state,
          generation: this.generation,
        });
        if (outcome.kind === "gone") {
          for (const ack of acks) ack({ ok: false, code: "flow_deleted", message: "This flow was deleted" });
          this.closeAll("flow_deleted", "This flow was deleted");
          return;
        }
        if (outcome.kind === "conflict") {
          // Saved over HTTP meanwhile: take that save in, then store the merge.
          if (!(await this.mergeStored())) return;
          continue;
        }
        Y.applyUpdate(this.stored, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.stored)));
        this.revision = outcome.revision;
        const renamedFrom = this.name === checked.name ? null : this.name;
        this.name = checked.name;
        this.failedAt = null;
        for (const ack of acks) ack({ ok: true, revision: outcome.revision });
        this.nsp.to(this.key).emit("saved", { revision: outcome.revision });
        await this.noteHistory(actors, renamedFrom === null ? null : { from: renamedFrom, to: checked.name, by: renamer ?? actors[0] });
        return;
      }
      throw new Error("the flow kept changing underneath co-editing");
    } catch (error) {
      this.failedAt = Date.now();
      this.log(`storing flow ${this.flowId} failed (trying again): ${error instanceof Error ? error.message : String(error)}`);
      this.pendingAcks.unshift(...acks);
      for (const actor of actors) this.pendingActors.add(actor);
      this.pendingRenamer ??= renamer;
    }
  }

  private async noteHistory(actors: string[], rename: { from: string; to: string; by: string | undefined } | null): Promise<void> {
    try {
      for (const actorId of actors) await noteFlowChange(this.db, { flowId: this.flowId, actorId, kind: "edited" });
      if (rename?.by) {
        await noteFlowChange(this.db, {
          flowId: this.flowId,
          actorId: rename.by,
          kind: "renamed",
          detail: { from: rename.from, to: rename.to },
        });
      }
    } catch (error) {
      this.log(`recording the history of flow ${this.flowId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stores the document beside a draft that did not change (its first open, a merge that changed nothing else). */
  private async storeState(): Promise<void> {
    const state = Buffer.from(Y.encodeStateAsUpdate(this.doc)) as Uint8Array<ArrayBuffer>;
    await this.db.flowCollabState.upsert({
      where: { flowId: this.flowId },
      create: { flowId: this.flowId, state, revision: this.revision, generation: this.generation },
      update: { state, revision: this.revision, generation: this.generation },
    });
  }
}

/** The origin of the server's own edits to a document (a save over HTTP merged in). */
export const SERVER_EDIT = "server";

/** The document's root types; an update that writes anywhere else is refused (it would be stored outside the flow). */
const ROOTS = new Set(["nodes", "edges", "flow"]);

/**
 * What is wrong with a document an update made, other than its graph: parts that wait for edits the server never took
 * (the client's document went on from an update that was refused), or data outside the flow's three maps.
 */
function documentProblem(doc: Y.Doc): CheckedDraft | null {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    return {
      ok: false,
      code: "out_of_step",
      message: "This update builds on edits the server does not have (one it refused): drop your document and join again",
    };
  }
  const stray = [...doc.share.keys()].find((key) => !ROOTS.has(key));
  if (stray !== undefined)
    return { ok: false, code: "invalid_flow", message: `A flow's document holds only nodes, edges and flow, not "${stray.slice(0, 50)}"` };
  return null;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function sameGraph(a: { name: string; graph: unknown }, b: { name: string; graph: unknown }): boolean {
  return a.name === b.name && JSON.stringify(a.graph) === JSON.stringify(b.graph);
}

/** One colour per person, the same on every screen. */
export function colorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 42%)`;
}
