import type { Server } from "socket.io";
import { AccessDeniedError, AccessNotFoundError, authorize } from "../auth/access";
import type { Database } from "../db/prisma-client";
import type { CollabNotice } from "./collab-notice";
import { COLLAB_NAMESPACE, MAX_PEOPLE_PER_FLOW, collabHandshakeSchema, presenceSchema, type CollabRefusal } from "./collab-protocol";
import { CollabRoom, type CollabNamespace, type CollabSocket } from "./collab-room";

export interface CollabServerOptions {
  io: Server;
  db: Database;
  /** Who a handshake's session cookie belongs to (better-auth: lib/auth/accounts.ts), or null. */
  signedInUser(headers: Headers): Promise<{ id: string; name: string } | null>;
  log?: (line: string) => void;
}

export interface CollabServer extends CollabNotice {
  /** How many flows are open for co-editing now. */
  readonly openFlows: number;
  /** Stores every room's pending edits, then closes every co-editing connection. */
  close(): Promise<void>;
}

/** A refusal the client reads from `connect_error` (`error.data.code`), as docs/protocol.md says. */
class HandshakeRefusal extends Error {
  readonly data: { code: CollabRefusal; message: string };
  constructor(code: CollabRefusal, message: string) {
    super(message);
    this.data = { code, message };
  }
}

/**
 * Live co-editing on the app's Socket.IO (namespace `/collab`, docs/protocol.md#live-co-editing): one room per open
 * flow, in this process. Who may join is the one access check (lib/auth/access.ts: `read` to follow, `edit` to change);
 * a member whose access changes is checked again at once (accessChanged), and a save over HTTP is merged into the
 * open document (flowChanged).
 */
export function attachCollabServer(options: CollabServerOptions): CollabServer {
  const log = options.log ?? ((line: string) => console.log(`[collab] ${line}`));
  const nsp = options.io.of(COLLAB_NAMESPACE) as CollabNamespace;
  const rooms = new Map<string, Promise<CollabRoom | null>>();
  const { db } = options;

  const roomOf = (flowId: string): Promise<CollabRoom | null> => {
    let room = rooms.get(flowId);
    if (!room) {
      room = CollabRoom.open(nsp, db, flowId, log).catch((error: unknown) => {
        rooms.delete(flowId);
        throw error;
      });
      rooms.set(flowId, room);
    }
    return room;
  };

  const closeWhenEmpty = async (room: CollabRoom) => {
    await room.flush();
    // Someone may have opened the flow again while its last edits were being stored.
    if (room.empty && (await rooms.get(room.flowId)) === room) rooms.delete(room.flowId);
  };

  nsp.use((socket, next) => {
    void (async () => {
      const auth = collabHandshakeSchema.safeParse(socket.handshake.auth);
      if (!auth.success) throw new HandshakeRefusal("flow_not_found", "Say which flow to edit: auth { flowId }");
      const user = await options.signedInUser(headersOf(socket.handshake.headers));
      if (!user) throw new HandshakeRefusal("unauthenticated", "Sign in first: co-editing needs a Switchboard account");
      const { role } = await authorize(db, user, "read", { flowId: auth.data.flowId });
      socket.data = { userId: user.id, name: user.name, flowId: auth.data.flowId, role };
    })().then(
      () => next(),
      (error: unknown) => {
        if (error instanceof HandshakeRefusal) return next(error);
        if (error instanceof AccessNotFoundError)
          return next(new HandshakeRefusal("flow_not_found", "There is no such flow, or it is not shared with you"));
        log(`a co-editing handshake failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        next(new HandshakeRefusal("unavailable", "Co-editing is unavailable right now; try again shortly"));
      },
    );
  });

  nsp.on("connection", (socket: CollabSocket) => {
    void (async () => {
      const room = await roomOf(socket.data.flowId).catch((error: unknown) => {
        log(`opening flow ${socket.data.flowId} for co-editing failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      const refuse = (code: CollabRefusal, message: string) => {
        socket.emit("refused", { code, message });
        socket.disconnect(true);
      };
      if (room === undefined) return refuse("unavailable", "Co-editing is unavailable right now; try again shortly");
      if (room === null) return refuse("flow_not_found", "There is no such flow, or it is not shared with you");
      // Gone while the flow was being opened: the room may have nobody else to close it.
      if (!socket.connected) {
        if (room.empty) void closeWhenEmpty(room);
        return;
      }
      if (room.peers.size >= MAX_PEOPLE_PER_FLOW) {
        return refuse("flow_full", `At most ${MAX_PEOPLE_PER_FLOW} people can have one flow open at once`);
      }
      socket.on("update", (update, ack) => {
        if (typeof ack !== "function") return;
        room.receive(socket, update, ack);
      });
      socket.on("presence", (presence) => {
        const parsed = presenceSchema.safeParse(presence);
        if (parsed.success) room.presence(socket, parsed.data);
      });
      socket.on("disconnect", () => {
        room.leave(socket);
        if (room.empty) void closeWhenEmpty(room);
      });
      room.join(socket);
    })();
  });

  const openRooms = async () =>
    (await Promise.all([...rooms.values()].map((room) => room.catch(() => null)))).filter((room) => room !== null);

  return {
    get openFlows() {
      return rooms.size;
    },

    flowChanged(flowId) {
      const pending = rooms.get(flowId);
      if (!pending) return;
      void pending
        .then(async (room) => {
          if (!room) return;
          const before = room.workspaceId;
          if ((await room.mergeStored()) && room.workspaceId !== before) await recheckAll(room);
        })
        .catch((error: unknown) =>
          log(`merging a save into flow ${flowId} failed: ${error instanceof Error ? error.message : String(error)}`),
        );
    },

    accessChanged(workspaceId, userId) {
      void (async () => {
        for (const room of await openRooms()) {
          if (room.workspaceId !== workspaceId) continue;
          for (const [socketId, entry] of room.peers) if (entry.peer.userId === userId) await recheck(room, socketId, userId);
        }
      })().catch((error: unknown) => log(`checking access again failed: ${error instanceof Error ? error.message : String(error)}`));
    },

    async close() {
      for (const room of await openRooms()) {
        await room.flush().catch(() => undefined);
        room.closeAll("unavailable", "The server is restarting; your editor reconnects by itself");
      }
      rooms.clear();
    },
  };

  async function recheckAll(room: CollabRoom): Promise<void> {
    for (const [socketId, entry] of room.peers) await recheck(room, socketId, entry.peer.userId);
  }

  async function recheck(room: CollabRoom, socketId: string, userId: string): Promise<void> {
    try {
      const { role } = await authorize(db, { id: userId }, "read", { flowId: room.flowId });
      room.changeRole(socketId, role);
    } catch (error) {
      if (!(error instanceof AccessNotFoundError || error instanceof AccessDeniedError)) throw error;
      room.refuse(socketId, "access_revoked", "You no longer have access to this flow");
    }
  }
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
