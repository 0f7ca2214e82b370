import type { Session } from "./session";

/** The live sessions of this process, so an operator can end one by id and shutdown can end them all. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private emptyWaiters: Array<() => void> = [];

  add(session: Session): void {
    this.sessions.set(session.id, session);
  }

  remove(session: Session): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
    if (this.sessions.size === 0 && this.emptyWaiters.length > 0) {
      const waiters = this.emptyWaiters;
      this.emptyWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once no session is live (after a shutdown's terminateAll, say). */
  whenEmpty(): Promise<void> {
    if (this.sessions.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptyWaiters.push(resolve));
  }

  get(sessionId: string): Session | undefined {
    return this.sessions.get(sessionId);
  }

  get size(): number {
    return this.sessions.size;
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /** Ends one live session through the End path. Returns false when this process does not hold it. */
  terminate(sessionId: string, reason: string, options: { goodbye?: string; message?: string } = {}): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    session.terminate(reason, options);
    return true;
  }

  /** Ends every live session (graceful shutdown). */
  terminateAll(reason: string): void {
    for (const session of this.sessions.values()) session.terminate(reason);
  }
}
