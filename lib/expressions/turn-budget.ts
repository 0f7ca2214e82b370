import { EVALUATION_LIMITS } from "./limits";

/**
 * What is left of a call's allowance for the current turn (the work between two listens): every expression and
 * regular expression draws its steps and the sizes it builds from it, and the runtime draws what the turn logs
 * (assigned values, replies). Mutable on purpose: one object per session.
 *
 * A turn may spend at most a turn's worth (EVALUATION_LIMITS.stepsPerTurn), and a call earns its allowance back over
 * time (stepsEarnedPerSecond), not per turn: a caller who floods a heavy flow with utterances gets, after the first
 * turn, only what the call has earned since, so one call cannot keep the event loop busy however fast it speaks. Every
 * turn may take at least stepsEveryTurn, what any ordinary turn needs, so a quick exchange never runs dry: that much
 * work per message costs about what the message itself costs the transport.
 */
export interface TurnBudget {
  steps: number;
  size: number;
  /** When the allowance was last topped up, in the flow's clock's milliseconds. */
  earnedAt: number;
}

/** A full allowance for a call's first turn. */
export function newTurnBudget(now = 0): TurnBudget {
  return { steps: EVALUATION_LIMITS.stepsPerTurn, size: EVALUATION_LIMITS.sizePerTurn, earnedAt: now };
}

/** Tops the allowance up with what the call has earned since the last time, up to one turn's worth. */
export function earnTurnBudget(budget: TurnBudget, now: number): void {
  const seconds = Math.max(0, now - budget.earnedAt) / 1000;
  const steps = Math.max(budget.steps + seconds * EVALUATION_LIMITS.stepsEarnedPerSecond, EVALUATION_LIMITS.stepsEveryTurn);
  const size = Math.max(budget.size + seconds * EVALUATION_LIMITS.sizeEarnedPerSecond, EVALUATION_LIMITS.sizeEveryTurn);
  budget.steps = Math.min(EVALUATION_LIMITS.stepsPerTurn, steps);
  budget.size = Math.min(EVALUATION_LIMITS.sizePerTurn, size);
  budget.earnedAt = now;
}
