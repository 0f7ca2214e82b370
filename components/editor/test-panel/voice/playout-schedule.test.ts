import { describe, expect, it } from "vitest";
import { PLAYBACK_LEAD_SECONDS, PlayoutSchedule } from "./playout-schedule";

describe("the playout schedule", () => {
  it("plays a reply's frames back to back from a little after now, even when they arrive all at once", () => {
    const schedule = new PlayoutSchedule();
    schedule.begin("r1");
    const starts = [0, 1, 2, 3].map(() => schedule.frame(10));
    expect(starts[0]).toBeCloseTo(10 + PLAYBACK_LEAD_SECONDS);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeCloseTo(0.02, 9);
  });

  it("starts a frame that comes after the queue ran dry ahead of now: a pause, never an overlap", () => {
    const schedule = new PlayoutSchedule();
    schedule.begin("r1");
    schedule.frame(0);
    expect(schedule.frame(5)).toBeCloseTo(5 + PLAYBACK_LEAD_SECONDS);
  });

  it("says a reply has played only once audio.end came and its last frame's end has passed", () => {
    const schedule = new PlayoutSchedule();
    schedule.begin("r1");
    for (let i = 0; i < 50; i++) schedule.frame(0); // 1 s of audio from 0.08 s
    expect(schedule.played("r1", 5)).toBe(false); // no audio.end yet: more frames may come
    const wait = schedule.end("r1", 0.5);
    expect(wait).toBeCloseTo(1.08 - 0.5);
    expect(schedule.played("r1", 0.9)).toBe(false);
    expect(schedule.played("r1", 1.08)).toBe(true);
    // Marked once: the reply is forgotten.
    expect(schedule.played("r1", 2)).toBe(false);
    expect(schedule.pending).toEqual([]);
  });

  it("queues the next reply behind the one still playing, and a reply without frames has played at its audio.end", () => {
    const schedule = new PlayoutSchedule();
    schedule.begin("r1");
    for (let i = 0; i < 10; i++) schedule.frame(0);
    schedule.end("r1", 0);
    schedule.begin("r2");
    expect(schedule.frame(0.01)).toBeCloseTo(PLAYBACK_LEAD_SECONDS + 0.2);
    schedule.begin("empty");
    expect(schedule.end("empty", 3)).toBe(0);
    expect(schedule.played("empty", 3)).toBe(true);
  });

  it("drops a cleared reply: no playout for it, its later frames are not played, and what follows starts at once", () => {
    const schedule = new PlayoutSchedule();
    schedule.begin("r1");
    for (let i = 0; i < 500; i++) schedule.frame(0); // 10 s queued
    expect(schedule.clear("r1")).toBe(true);
    expect(schedule.frame(1)).toBeNull();
    expect(schedule.end("r1", 1)).toBeNull();
    expect(schedule.played("r1", 20)).toBe(false);
    expect(schedule.clear("r1")).toBe(false);
    expect(schedule.queuedUntil).toBe(0);
    schedule.begin("r2");
    expect(schedule.frame(1)).toBeCloseTo(1 + PLAYBACK_LEAD_SECONDS);
    expect(schedule.queuedUntil).toBeCloseTo(1 + PLAYBACK_LEAD_SECONDS + 0.02);
  });

  it("plays nothing for frames that come with no reply begun", () => {
    expect(new PlayoutSchedule().frame(0)).toBeNull();
    expect(new PlayoutSchedule().end("nope", 0)).toBeNull();
  });
});
