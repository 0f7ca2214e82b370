/**
 * Where a turn's round trip goes, for `npm run bench:sessions -- --segments`: the client stamps each utterance as it
 * sends it and each reply as it arrives; the server stamps, per engine.io connection, when it read the utterance's
 * packet, when it made the reply's packet and when its write returned. Both stamp CLOCK_MONOTONIC (process.hrtime),
 * the one clock every process on the machine reads alike, so the two sides join by connection id and turn number.
 *
 * The split that matters is "to server" (send to the server's read): the time on the wire, the server waking, and the
 * server finishing other work first. It is cut in two by whether the server was handling another caller's turn
 * meanwhile: alone, the two servers tie; behind another turn, the wait is that turn's work.
 */
import type { Server } from "socket.io";
import { summarize } from "./stats";

/** Microseconds on CLOCK_MONOTONIC. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Per connection id, each turn's [sent, replied] (client) or [read, reply made, written] (server), in µs. */
export type TurnStamps = Record<string, number[][]>;

/** engine.io's per-connection socket, as far as its documented events go. */
interface EngineConnection {
  id: string;
  on(event: "packet" | "packetCreate", listener: (packet: { type: string; data?: unknown }) => void): void;
  on(event: "drain", listener: () => void): void;
}

/** Whether an engine.io packet carries the Socket.IO event `name` (an EVENT packet, `2`, on the main namespace). */
const isEvent = (packet: { type: string; data?: unknown }, name: string) =>
  packet.type === "message" && typeof packet.data === "string" && packet.data.startsWith(`2["${name}"`);

/** Stamps every utterance read and the reply that answers it, on each connection of `io`. */
export function stampServerTurns(io: Server): TurnStamps {
  const stamps: TurnStamps = {};
  io.engine.on("connection", (connection: EngineConnection) => {
    const turns: number[][] = (stamps[connection.id] = []);
    let open: number[] | null = null;
    connection.on("packet", (packet) => {
      if (isEvent(packet, "utterance")) turns.push((open = [monotonicMicros()]));
    });
    connection.on("packetCreate", (packet) => {
      if (open?.length === 1 && isEvent(packet, "reply")) open.push(monotonicMicros());
    });
    // engine.io emits drain once the write it flushed has been handed to the socket.
    connection.on("drain", () => {
      if (open?.length !== 2) return;
      open.push(monotonicMicros());
      open = null;
    });
  });
  return stamps;
}

interface Turn {
  sent: number;
  read: number;
  replyMade: number;
  written: number;
  replied: number;
}

/** The client's and the server's stamps of the same turns, joined. */
function joinTurns(client: TurnStamps, server: TurnStamps): Turn[] {
  const turns: Turn[] = [];
  for (const [id, clientTurns] of Object.entries(client)) {
    clientTurns.forEach(([sent, replied], index) => {
      const [read, replyMade, written] = server[id]?.[index] ?? [];
      if ([sent, replied, read, replyMade, written].every((stamp) => stamp !== undefined))
        turns.push({ sent, replied, read, replyMade, written } as Turn);
    });
  }
  return turns;
}

/**
 * Whether the server was handling another turn (read to written) at some moment while this one travelled to it: in
 * the order the server read them, whether any turn read before this one was written only after this one was sent.
 */
function behindAnother(turns: Turn[]): boolean[] {
  const order = turns.map((_, index) => index).sort((a, b) => (turns[a] as Turn).read - (turns[b] as Turn).read);
  const behind = new Array<boolean>(turns.length);
  let latestWritten = -Infinity;
  for (const index of order) {
    const turn = turns[index] as Turn;
    behind[index] = latestWritten > turn.sent;
    latestWritten = Math.max(latestWritten, turn.written);
  }
  return behind;
}

const p50p90 = (values: number[]) => {
  const { p50, p90 } = summarize(values);
  return `${p50.toFixed(0)} (${p90.toFixed(0)})`;
};

/** One line: each segment's p50 (p90) in µs over the given rounds' turns. */
export function describeSegments(rounds: Array<{ client: TurnStamps; server: TurnStamps }>): string {
  const turns = rounds.flatMap((round) => joinTurns(round.client, round.server));
  const behind = behindAnother(turns);
  const toServer = (which: boolean) => turns.filter((_, index) => behind[index] === which).map((turn) => turn.read - turn.sent);
  const behindShare = behind.filter(Boolean).length / Math.max(1, turns.length);
  return [
    `to server ${p50p90(turns.map((turn) => turn.read - turn.sent))}`,
    `[alone ${p50p90(toServer(false))}, behind another turn ${p50p90(toServer(true))}: ${(behindShare * 100).toFixed(0)}% of turns]`,
    `read→reply ${p50p90(turns.map((turn) => turn.replyMade - turn.read))}`,
    `write ${p50p90(turns.map((turn) => turn.written - turn.replyMade))}`,
    // The write returns after the kernel has handed the bytes over, so the client may have them first: can be < 0.
    `written→client ${p50p90(turns.map((turn) => turn.replied - turn.written))}`,
    `(${turns.length} turns)`,
  ].join(", ");
}
