import { io, type Socket } from "socket.io-client";

/** Everything a test client received, in arrival order, plus how the connection ended. */
export type ReceivedEvent =
  | { event: "session"; data: { sessionId: string } }
  | { event: "reply"; data: { text: string; nodeId?: string; goodbye?: true } }
  | { event: "trace"; data: { type: string; seq: number } & Record<string, unknown> }
  | { event: "end"; data: { reason: string; message?: string } }
  | { event: "error"; data: { code: string; message: string } }
  | { event: "disconnect"; data: { reason: string } };

/** A socket.io-client that records every server event; for tests and benchmarks. */
export class RecordingClient {
  readonly received: ReceivedEvent[] = [];
  readonly socket: Socket;
  private waiters: Array<{ test: (event: ReceivedEvent) => boolean; resolve: (event: ReceivedEvent) => void }> = [];

  /** `auth` may be a promise (a token still being signed): the handshake waits for it. */
  constructor(url: string, auth: Record<string, unknown> | Promise<Record<string, unknown>>, options: { reconnection?: boolean } = {}) {
    const handshake = auth instanceof Promise ? (send: (data: object) => void) => void auth.then(send) : auth;
    this.socket = io(url, { auth: handshake, transports: ["websocket"], reconnection: options.reconnection ?? false, forceNew: true });
    const record = (event: ReceivedEvent) => {
      this.received.push(event);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(event)) return true;
        waiter.resolve(event);
        return false;
      });
    };
    for (const name of ["session", "reply", "trace", "end", "error"] as const) {
      // The wire is untyped; these shapes are what docs/protocol.md promises, and the tests assert on them.
      this.socket.on(name, (data: unknown) => record({ event: name, data } as ReceivedEvent));
    }
    this.socket.on("disconnect", (reason) => record({ event: "disconnect", data: { reason } }));
  }

  /** Resolves when connected; rejects with the server's refusal (`connect_error`). */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (error: Error & { data?: unknown }) => reject(error));
    });
  }

  /** Waits for the next event (already received ones count) matching the test. */
  waitFor(test: (event: ReceivedEvent) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
    const already = this.received.find(test);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Timed out; received: ${JSON.stringify(this.received.map((e) => e.event))}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  waitForEvent<Name extends ReceivedEvent["event"]>(name: Name, timeoutMs?: number): Promise<Extract<ReceivedEvent, { event: Name }>> {
    return this.waitFor((event) => event.event === name, timeoutMs) as Promise<Extract<ReceivedEvent, { event: Name }>>;
  }

  say(text: string): void {
    this.socket.emit("utterance", { text });
  }

  /** Events other than traces, as `name:detail` strings, for order assertions. */
  timeline(): string[] {
    return this.received
      .filter((event) => event.event !== "trace")
      .map((event) => {
        switch (event.event) {
          case "reply":
            return `reply:${event.data.text}`;
          case "end":
            return `end:${event.data.reason}`;
          case "disconnect":
            return `disconnect:${event.data.reason}`;
          case "error":
            return `error:${event.data.code}`;
          case "session":
            return event.event;
        }
      });
  }

  close(): void {
    this.socket.disconnect();
  }
}
