import { EVALUATION_LIMITS } from "./limits";

/** Which bound an evaluation ran into. */
export type EvaluationLimit = "evaluationSteps" | "turnSteps" | "evaluationSize" | "turnSize" | "valueSize";

/** A number as the limit messages write it (65,536). */
export function formatLimit(value: number): string {
  // Not toLocaleString: its first call loads locale data, ~20 ms at startup for five numbers.
  return String(value).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** What went wrong, in plain words that read on after "setting x" or "the condition". */
const MESSAGES: Record<EvaluationLimit, string> = {
  evaluationSteps: `did more than ${formatLimit(EVALUATION_LIMITS.stepsPerEvaluation)} steps of work, the limit for one expression`,
  turnSteps: `did more work than the call had left: a turn may take ${formatLimit(EVALUATION_LIMITS.stepsPerTurn)} steps, and a call earns them back at ${formatLimit(EVALUATION_LIMITS.stepsEarnedPerSecond)} a second`,
  evaluationSize: `built more than ${formatLimit(EVALUATION_LIMITS.sizePerEvaluation)} characters and items, the limit for one expression`,
  turnSize: `built or sent more than the call had left: a turn may take ${formatLimit(EVALUATION_LIMITS.sizePerTurn)} characters and items, and a call earns them back at ${formatLimit(EVALUATION_LIMITS.sizeEarnedPerSecond)} a second`,
  valueSize: `built a value of more than ${formatLimit(EVALUATION_LIMITS.maxValueSize)} characters or items, the limit for one value`,
};

/** An evaluation stopped at one of its limits (see limits.ts); the node that ran it fails with this message. */
export class EvaluationLimitError extends Error {
  constructor(readonly limit: EvaluationLimit) {
    super(MESSAGES[limit]);
    this.name = "EvaluationLimitError";
  }
}
