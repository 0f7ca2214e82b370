import { EVALUATION_LIMITS } from "./limits";

/**
 * What is left of one turn's allowance (the work between two listens): every expression and regular expression
 * draws its steps and the sizes it builds from it, and the runtime draws what the turn logs (assigned values,
 * replies). Mutable on purpose: one object per session, refilled when the flow listens.
 */
export interface TurnBudget {
  steps: number;
  size: number;
}

/** A full allowance for a new turn. */
export function newTurnBudget(): TurnBudget {
  return { steps: EVALUATION_LIMITS.stepsPerTurn, size: EVALUATION_LIMITS.sizePerTurn };
}

/** Refills a budget when the flow waits for the caller again. */
export function refillTurnBudget(budget: TurnBudget): void {
  budget.steps = EVALUATION_LIMITS.stepsPerTurn;
  budget.size = EVALUATION_LIMITS.sizePerTurn;
}
