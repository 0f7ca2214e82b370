import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import {
  COLLAB_NAMESPACE,
  type CollabClientEvents,
  type CollabJoined,
  type CollabRefusal,
  type CollabServerEvents,
  type Presence,
  type UpdateAck,
} from "@/lib/collab/collab-protocol";
import { checkDraft } from "@/lib/collab/draft-check";
import { readGraph, writeGraph, writePositions } from "@/lib/collab/flow-doc";
import type { FlowGraph } from "@/lib/flow";
import { useDocumentStore, type DocumentState } from "../document-store";
import type { CanvasNode } from "../canvas-types";
import { canvasToGraph } from "../graph-convert";
import { OFFLINE_MESSAGE, useSaveStore } from "../save-store";
import { initialPresenceState, upsertPeer, usePresenceStore } from "./presence-store";

/** The origin of this editor's own edits in the shared document (what its undo takes back). */
const LOCAL = "local";
/** The origin of what the server sent (teammates' edits, saves over HTTP). */
const REMOTE = "remote";
/** Updates made within this long are sent as one (a drag sends ~60 a second). */
const SEND_EVERY_MS = 40;
/** An update unanswered this long counts as lost: the connection is dropped and the document sent again on reconnecting. */
const ACK_TIMEOUT_MS = 10_000;

/** What a refusal of an update means to the person (the server's message is shown with it). */
const REFUSAL_STATUS: Partial<Record<CollabRefusal, "invalid" | "error">> = { invalid_flow: "invalid", too_large: "invalid" };

/**
 * This editor's side of live co-editing (docs/protocol.md#live-co-editing): the flow as a Yjs document shared with the
 * server, kept in step with the document store both ways. Local edits (whatever the canvas, inspector or keyboard did)
 * are written into the shared document as a diff of the store's graph, and sent; teammates' updates are applied and
 * shown. Undo is the document's own (Y.UndoManager on this editor's origin), so it never takes back a teammate's edit.
 */
export class CollabSession {
  private doc = new Y.Doc();
  private undo: Y.UndoManager;
  private readonly socket: Socket<CollabServerEvents, CollabClientEvents>;
  private generation: string | null = null;
  private joined = false;
  /** Set while the store is being shown the shared document (its change is not an edit to send back). */
  private applying = false;
  private outbox: Uint8Array[] = [];
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private unacked = 0;
  /** The outbox is held back because the draft has an issue the server would refuse (see flushOutbox). */
  private held = false;
  /** This editor changed more than positions since the draft last passed the check (see flushOutbox). */
  private unchecked = true;
  private waiting: ((stored: boolean) => void)[] = [];
  private readonly unsubscribe: () => void;
  private lastPresence = "";
  /** The browser said it lost the network: the socket is closed at once rather than after Socket.IO's ping timeout. */
  private readonly onOffline = () => {
    this.socket.io.engine?.close();
    if (this.joined && (this.unacked > 0 || this.outbox.length > 0)) useSaveStore.setState({ status: "offline", message: OFFLINE_MESSAGE });
  };
  private readonly onOnline = () => {
    if (!this.socket.connected && usePresenceStore.getState().status !== "closed") this.socket.connect();
  };

  constructor(flowId: string) {
    this.undo = this.attach(this.doc);
    this.socket = io(COLLAB_NAMESPACE, {
      auth: { flowId },
      // A connection of its own: a test call's socket must not share (and reconnect with) this one's.
      forceNew: true,
      // Names the connection in the browser's network log (and lets tests tell it from a call's).
      query: { channel: "collab" },
      transports: ["websocket", "polling"],
      reconnectionDelayMax: 5000,
    });
    this.socket.on("joined", (joined) => this.onJoined(joined));
    this.socket.on("update", (update) => Y.applyUpdate(this.doc, new Uint8Array(update), REMOTE));
    this.socket.on("peer", (peer) => {
      const { selfId, peers } = usePresenceStore.getState();
      if (peer.peerId !== selfId) usePresenceStore.setState({ peers: upsertPeer(peers, peer) });
    });
    this.socket.on("left", ({ peerId }) =>
      usePresenceStore.setState((state) => ({ peers: state.peers.filter((peer) => peer.peerId !== peerId) })),
    );
    this.socket.on("role", ({ role }) => useDocumentStore.setState({ readOnly: role === "viewer" }));
    this.socket.on("refused", (refusal) => this.onClosed(refusal.code, refusal.message));
    this.socket.on("disconnect", (reason) => {
      if (usePresenceStore.getState().status === "closed") return;
      usePresenceStore.setState({ status: this.joined ? "reconnecting" : "connecting", peers: [] });
      if (this.joined && (this.unacked > 0 || this.outbox.length > 0))
        useSaveStore.setState({ status: "offline", message: OFFLINE_MESSAGE });
      // The server dropped us on purpose without a refusal (it is stopping): come back when it is.
      if (reason === "io server disconnect") this.socket.connect();
    });
    this.socket.on("connect_error", (error: Error & { data?: { code?: CollabRefusal; message?: string } }) => {
      const code = error.data?.code;
      // No account any more, or no access: nothing will change by trying again.
      if (code === "unauthenticated" || code === "flow_not_found") this.onClosed(code, error.data?.message ?? error.message);
    });
    this.unsubscribe = useDocumentStore.subscribe((state, previous) => this.onStoreChange(state, previous));
    window.addEventListener("offline", this.onOffline);
    window.addEventListener("online", this.onOnline);
    usePresenceStore.setState(initialPresenceState);
  }

  /** Tells the others where this person's pointer is (flow coordinates) and what they selected. */
  sendPresence(presence: Presence): void {
    const key = JSON.stringify(presence);
    if (!this.joined || key === this.lastPresence) return;
    this.lastPresence = key;
    this.socket.volatile.emit("presence", presence);
  }

  close(): void {
    this.unsubscribe();
    window.removeEventListener("offline", this.onOffline);
    window.removeEventListener("online", this.onOnline);
    clearTimeout(this.sendTimer);
    this.flushOutbox();
    this.socket.disconnect();
    this.undo.destroy();
    useDocumentStore.setState({ sharedHistory: null, sharedCanUndo: false, sharedCanRedo: false });
    useSaveStore.setState({ live: null });
    usePresenceStore.setState(initialPresenceState);
  }

  private onJoined(joined: CollabJoined): void {
    const rejoining = this.joined;
    if (this.generation !== null && this.generation !== joined.generation) {
      // Another document than the one held here (its stored state was lost): take the server's, drop ours.
      this.replaceDocument();
    }
    this.generation = joined.generation;
    Y.applyUpdate(this.doc, new Uint8Array(joined.state), REMOTE);
    const store = useDocumentStore.getState();
    if (rejoining) {
      // What was edited here while away, as one update (the server merges it; what it already has is left out).
      this.outbox = [];
      this.unacked = 0;
      const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(joined.stateVector));
      if (hasContent(missing)) this.enqueue(missing);
    } else if (store.version !== 0 && !store.readOnly) {
      // Edited before the connection was up: those edits become this editor's first update.
      this.writeLocal(store);
    }
    this.joined = true;
    useDocumentStore.setState({
      readOnly: joined.role === "viewer",
      sharedHistory: { undo: () => this.step("undo"), redo: () => this.step("redo") },
    });
    this.showUndoState();
    useSaveStore.setState({
      live: { flush: () => this.flush() },
      ...(this.unacked === 0 && this.outbox.length === 0 ? { status: "saved", message: null } : {}),
    });
    usePresenceStore.setState({ status: "live", selfId: joined.peerId, peers: joined.peers, closed: null });
    this.lastPresence = "";
  }

  private step(direction: "undo" | "redo"): void {
    if (direction === "undo") this.undo.undo();
    else this.undo.redo();
    // The next edit is a step of its own, not part of the one before what was just undone.
    this.undo.stopCapturing();
  }

  private onClosed(code: CollabRefusal, message: string): void {
    usePresenceStore.setState({ status: "closed", closed: { code, message }, peers: [] });
    if (code === "unauthenticated" && !this.joined) {
      // Signed out in another tab before ever joining: the HTTP save says so too.
      this.socket.disconnect();
      return;
    }
    useDocumentStore.setState({ readOnly: true });
    this.socket.disconnect();
  }

  private onStoreChange(state: DocumentState, previous: DocumentState): void {
    if (this.applying || !this.joined || state.readOnly || state.version === previous.version) return;
    // The store records an undo step where one edit begins (a drag's first move, a field's first keystroke): so does
    // the shared history, and what the store merges into one step stays one here.
    if (state.past !== previous.past) this.undo.stopCapturing();
    // A move cannot make a draft that passed the check fail it: flushOutbox checks again only after other edits.
    const moved = movedNodes(state, previous);
    this.doc.transact(() => {
      if (moved !== undefined && writePositions(this.doc, moved)) return;
      this.unchecked = true;
      this.writeLocal(state);
    }, LOCAL);
  }

  private writeLocal(state: DocumentState): void {
    this.doc.transact(() => writeGraph(this.doc, canvasToGraph(state.nodes, state.edges, state.voice), state.name), LOCAL);
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    // Undo and redo may bring back what the check would refuse, and a teammate's edit may clash with this one's.
    if (origin !== LOCAL) this.unchecked = true;
    if (origin !== REMOTE) this.enqueue(update);
    // A teammate's edit may have fixed what held this editor's edits back (see flushOutbox).
    else if (this.outbox.length > 0) this.scheduleSend();
    // Everything but this editor's own edits (already on its canvas) is shown: teammates' edits, and its undo.
    if (origin !== LOCAL) this.showDocument();
  }

  private showDocument(): void {
    const { name, graph } = readGraph(this.doc);
    this.applying = true;
    try {
      // The server checked every update against the flow schema before passing it on.
      useDocumentStore.getState().applyShared(name, graph as FlowGraph);
    } finally {
      this.applying = false;
    }
  }

  private enqueue(update: Uint8Array): void {
    this.outbox.push(update);
    const online = this.socket.connected && navigator.onLine !== false;
    useSaveStore.setState(online ? { status: "saving", message: null } : { status: "offline", message: OFFLINE_MESSAGE });
    this.scheduleSend();
  }

  private scheduleSend(): void {
    this.sendTimer ??= setTimeout(() => {
      this.sendTimer = undefined;
      this.flushOutbox();
    }, SEND_EVERY_MS);
  }

  private flushOutbox(): void {
    if (this.outbox.length === 0 || !this.socket.connected) return;
    // What the server would refuse is held back here, as a save over HTTP keeps a draft it cannot store: the field
    // shows the issue, and the edit that fixes it sends everything at once. Sent, a refusal would reset this document.
    // The check reads the whole document (~3 ms at 1,000 nodes): while a drag streams moves, it would cost frames.
    const checked = this.unchecked || this.held ? checkDraft(readGraph(this.doc)) : ({ ok: true } as const);
    this.unchecked = false;
    this.held = !checked.ok;
    if (!checked.ok) {
      useSaveStore.setState({ status: "invalid", message: checked.message });
      if (this.unacked === 0) for (const resolve of this.waiting.splice(0)) resolve(false);
      return;
    }
    const update = Y.mergeUpdates(this.outbox);
    this.outbox = [];
    this.unacked++;
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("update", update)
      .then(
        (answer: UpdateAck) => this.onAck(answer),
        () => {
          // No answer: the connection is likely gone; reconnecting sends everything the server lacks.
          this.socket.disconnect().connect();
        },
      );
  }

  private onAck(answer: UpdateAck): void {
    this.unacked = Math.max(0, this.unacked - 1);
    if (!answer.ok) {
      useSaveStore.setState({ status: REFUSAL_STATUS[answer.code] ?? "error", message: answer.message });
      // The server's document does not have this edit: start again from the server's, so both agree.
      this.resync();
      return;
    }
    if (this.unacked === 0 && this.outbox.length > 0) this.flushOutbox();
    if (this.unacked === 0 && this.outbox.length === 0) {
      useSaveStore.setState({ status: "saved", savedAt: Date.now(), message: null, revision: answer.revision });
      for (const resolve of this.waiting.splice(0)) resolve(true);
    }
  }

  private flush(): Promise<boolean> {
    clearTimeout(this.sendTimer);
    this.sendTimer = undefined;
    this.flushOutbox();
    if (this.unacked === 0 && this.outbox.length === 0) return Promise.resolve(useSaveStore.getState().status === "saved");
    if (this.unacked === 0 && this.held) return Promise.resolve(false);
    // Offline: the edits wait here for the connection (and are sent on rejoining), but whoever flushes is answered now.
    if (!this.socket.connected) {
      useSaveStore.setState({ status: "offline", message: OFFLINE_MESSAGE });
      return Promise.resolve(false);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Drops the local document and joins again, taking the server's. */
  private resync(): void {
    for (const resolve of this.waiting.splice(0)) resolve(false);
    this.generation = null;
    this.joined = false;
    this.replaceDocument();
    this.socket.disconnect().connect();
  }

  private replaceDocument(): void {
    this.undo.destroy();
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.undo = this.attach(this.doc);
    this.outbox = [];
    this.unacked = 0;
    this.held = false;
    this.unchecked = true;
    this.showUndoState();
  }

  /** Watches a document's updates (to send and to show) and gives it this editor's undo history. */
  private attach(doc: Y.Doc): Y.UndoManager {
    doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(update, origin));
    // Steps are cut where the store cuts them (onStoreChange), not by time.
    const undo = new Y.UndoManager([doc.getMap("nodes"), doc.getMap("edges"), doc.getMap("flow")], {
      trackedOrigins: new Set([LOCAL]),
      captureTimeout: Number.MAX_SAFE_INTEGER,
    });
    for (const event of ["stack-item-added", "stack-item-popped", "stack-cleared"] as const) undo.on(event, () => this.showUndoState());
    return undo;
  }

  private showUndoState(): void {
    useDocumentStore.setState({ sharedCanUndo: this.undo.canUndo(), sharedCanRedo: this.undo.canRedo() });
  }
}

/** An empty Yjs update is two zero bytes (no structs, no deletions). */
function hasContent(update: Uint8Array): boolean {
  return update.byteLength > 2;
}

/**
 * The nodes a store change moved, when moving them is all it did (a drag's frames: React Flow replaces the moved nodes'
 * objects and keeps every other one); undefined for any other change. Reference checks only, no deep compare.
 */
function movedNodes(state: DocumentState, previous: DocumentState): CanvasNode[] | undefined {
  if (state.edges !== previous.edges || state.name !== previous.name || state.voice !== previous.voice) return undefined;
  if (state.nodes.length !== previous.nodes.length) return undefined;
  const moved: CanvasNode[] = [];
  for (let index = 0; index < state.nodes.length; index++) {
    const node = state.nodes[index] as CanvasNode;
    const before = previous.nodes[index] as CanvasNode;
    if (node === before) continue;
    if (node.id !== before.id || node.type !== before.type || node.data !== before.data) return undefined;
    if (node.position.x !== before.position.x || node.position.y !== before.position.y) moved.push(node);
  }
  return moved;
}
