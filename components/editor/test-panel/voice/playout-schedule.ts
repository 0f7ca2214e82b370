import { WIRE_FRAME_MS } from "./microphone-framer";

/** How far ahead of "now" the first frame of a reply starts, so the frames behind it arrive before they are due. */
export const PLAYBACK_LEAD_SECONDS = 0.08;

/** A reply being played: when its audio ends on the clock, once its last frame is known. */
interface ScheduledReply {
  replyId: string;
  /** When its latest frame finishes playing (AudioContext seconds). */
  endsAt: number;
  /** Frames scheduled for it. */
  frames: number;
  /** `audio.end` came: no more frames; once `endsAt` has passed it has played. */
  complete: boolean;
}

/**
 * When each frame of the server's replies plays, on an AudioContext's clock: frames back to back with no gap (each
 * starts where the last one ends), a late frame starting a little ahead of now (an underrun is a pause, never an
 * overlap), and a reply counted as played when its last frame's end has passed after `audio.end`
 * (docs/protocol.md#voice). Pure: the clock is passed in, so the rules are tested without audio.
 */
export class PlayoutSchedule {
  #nextStart = 0;
  readonly #replies = new Map<string, ScheduledReply>();
  /** The reply the next frames belong to (the server sends a reply's frames after its `reply`, in order). */
  #current: string | null = null;

  /** A reply begins: its frames follow. */
  begin(replyId: string): void {
    this.#current = replyId;
    this.#replies.set(replyId, { replyId, endsAt: 0, frames: 0, complete: false });
  }

  /** When the next frame of the current reply starts (seconds on the clock), or null when no reply is playing. */
  frame(now: number): number | null {
    const reply = this.#current === null ? undefined : this.#replies.get(this.#current);
    if (!reply) return null;
    const start = Math.max(this.#nextStart, now + PLAYBACK_LEAD_SECONDS);
    this.#nextStart = start + WIRE_FRAME_MS / 1000;
    reply.endsAt = this.#nextStart;
    reply.frames += 1;
    return start;
  }

  /**
   * `audio.end` for a reply: how many seconds from now until its last frame has played (0: already), or null when
   * the reply is unknown (cleared, or never begun).
   */
  end(replyId: string, now: number): number | null {
    const reply = this.#replies.get(replyId);
    if (!reply) return null;
    reply.complete = true;
    if (this.#current === replyId) this.#current = null;
    return Math.max(0, (reply.frames === 0 ? now : reply.endsAt) - now);
  }

  /** Marks the reply played and forgets it; true when it was complete and not cleared (then `playout` is due). */
  played(replyId: string, now: number): boolean {
    const reply = this.#replies.get(replyId);
    if (!reply || !reply.complete || (reply.frames > 0 && reply.endsAt > now + 1e-6)) return false;
    this.#replies.delete(replyId);
    return true;
  }

  /** `clear`: the reply is dropped; true when it was known (the player then stops everything it scheduled). */
  clear(replyId: string): boolean {
    const known = this.#replies.delete(replyId);
    if (this.#current === replyId) this.#current = null;
    // Its queued audio is dropped, so what comes next starts after the replies still queued, not after a silence.
    if (known) this.#nextStart = Math.max(0, ...[...this.#replies.values()].map((reply) => reply.endsAt));
    return known;
  }

  /** When the last frame scheduled so far ends (clock seconds; 0 before any). */
  get queuedUntil(): number {
    return this.#nextStart;
  }

  /** Replies waiting to be played, oldest first. */
  get pending(): string[] {
    return [...this.#replies.keys()];
  }
}
