import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { COLLAB_NAMESPACE, type CollabJoined, type CollabPeer, type Presence, type UpdateAck } from "../collab/collab-protocol";
import { readGraph, writeGraph, type DocumentGraph, type GraphLike } from "../collab/flow-doc";

/** What a co-editing client was told, in order. */
export type CollabEvent =
  | { event: "joined"; data: CollabJoined }
  | { event: "update"; data: Uint8Array }
  | { event: "saved"; data: { revision: number } }
  | { event: "peer"; data: CollabPeer }
  | { event: "left"; data: { peerId: string } }
  | { event: "role"; data: { role: string } }
  | { event: "refused"; data: { code: string; message: string } }
  | { event: "disconnect"; data: { reason: string } };

/** A co-editing client as docs/protocol.md describes it, on a Yjs document of its own; for tests. */
export class CollabTestClient {
  readonly doc = new Y.Doc();
  readonly socket: Socket;
  readonly events: CollabEvent[] = [];
  private waiters: { test: (event: CollabEvent) => boolean; resolve: (event: CollabEvent) => void }[] = [];

  constructor(serverUrl: string, flowId: string, cookie?: string) {
    this.socket = io(`${serverUrl}${COLLAB_NAMESPACE}`, {
      auth: { flowId },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    const record = (event: CollabEvent) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((waiter) => (waiter.test(event) ? (waiter.resolve(event), false) : true));
    };
    this.socket.on("joined", (data: CollabJoined) => {
      Y.applyUpdate(this.doc, new Uint8Array(data.state), "server");
      record({ event: "joined", data });
    });
    this.socket.on("update", (data: ArrayBuffer | Uint8Array) => {
      Y.applyUpdate(this.doc, new Uint8Array(data), "server");
      record({ event: "update", data: new Uint8Array(data) });
    });
    for (const name of ["saved", "peer", "left", "role", "refused"] as const) {
      this.socket.on(name, (data: unknown) => record({ event: name, data } as CollabEvent));
    }
    this.socket.on("disconnect", (reason) => record({ event: "disconnect", data: { reason } }));
  }

  /** The server's answer to the handshake: the welcome, or the refusal's code (`connect_error`'s `data.code`). */
  joined(): Promise<CollabJoined> {
    return new Promise((resolve, reject) => {
      const done = this.events.find((event) => event.event === "joined");
      if (done) return resolve(done.data as CollabJoined);
      void this.waitFor((event) => event.event === "joined").then((event) => resolve(event.data as CollabJoined));
      this.socket.once("connect_error", (error: Error & { data?: { code: string } }) =>
        reject(new Error(error.data?.code ?? error.message)),
      );
    });
  }

  graph(): DocumentGraph {
    return readGraph(this.doc);
  }

  /** Changes the document to `graph` and sends the change; resolves with the server's answer. */
  edit(change: (current: DocumentGraph) => { graph: GraphLike; name: string }): Promise<UpdateAck> {
    const next = change(this.graph());
    let sent: Uint8Array | null = null;
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === "local") sent = sent ? Y.mergeUpdates([sent, update]) : update;
    };
    this.doc.on("update", capture);
    this.doc.transact(() => writeGraph(this.doc, next.graph, next.name), "local");
    this.doc.off("update", capture);
    return this.send(sent ?? new Uint8Array());
  }

  send(update: Uint8Array): Promise<UpdateAck> {
    return this.socket.timeout(10_000).emitWithAck("update", update) as Promise<UpdateAck>;
  }

  presence(presence: Presence): void {
    this.socket.emit("presence", presence);
  }

  waitFor(test: (event: CollabEvent) => boolean): Promise<CollabEvent> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  close(): void {
    this.socket.disconnect();
  }
}
