import { EvaluationLimitError, type EvaluationLimit } from "./limit-error";
import { EVALUATION_LIMITS } from "./limits";
import type { TurnBudget } from "./turn-budget";
import { valueSize } from "./value-size";

/**
 * The allowance of the one evaluation running now. Evaluations are synchronous and never nest (CEL calls no
 * expression of ours), so one meter for the process, armed at the start of each and settled at its end, serves every
 * session without an allocation per evaluation; the metered syntax tree (metered-ast.ts) charges it. Arming and
 * settling run for every evaluation (~20 ns of a ~100 ns `count + 1`), hence the plain fields and no more work there.
 */
interface Meter {
  /** What is left; below zero once a limit is passed. */
  steps: number;
  size: number;
  stepsAtStart: number;
  sizeAtStart: number;
  /** Which limit runs out first: the evaluation's own, or what is left of the turn's. */
  stepsLimit: EvaluationLimit;
  sizeLimit: EvaluationLimit;
  budget: TurnBudget | undefined;
  exceeded: EvaluationLimit | null;
}

const meter: Meter = {
  steps: 0,
  size: 0,
  stepsAtStart: 0,
  sizeAtStart: 0,
  stepsLimit: "evaluationSteps",
  sizeLimit: "evaluationSize",
  budget: undefined,
  exceeded: null,
};

/**
 * Thrown through the interpreter to stop it: one instance per limit, as `a || b` and `list.all` catch errors and
 * evaluate on, and every loop body run after the limit throws again (a fresh Error's stack trace costs microseconds).
 * The evaluation rethrows a fresh EvaluationLimitError to its caller.
 */
const signals = new Map<EvaluationLimit, EvaluationLimitError>();

function exceed(limit: EvaluationLimit): never {
  meter.exceeded ??= limit;
  let signal = signals.get(limit);
  if (!signal) {
    signal = new EvaluationLimitError(limit);
    signals.set(limit, signal);
  }
  throw signal;
}

/**
 * Arms the meter for one evaluation, with the smaller of its own limits and what is left of the turn's, and charges
 * the steps known before it runs (metered-ast.ts). Settle it with stopMetering whatever happens.
 */
export function startMetering(budget: TurnBudget | undefined, stepsUpFront: number): void {
  meter.exceeded = null;
  meter.budget = budget;
  const { stepsPerEvaluation, sizePerEvaluation } = EVALUATION_LIMITS;
  if (budget !== undefined && budget.steps < stepsPerEvaluation) {
    meter.steps = budget.steps > 0 ? budget.steps : 0;
    meter.stepsLimit = "turnSteps";
  } else {
    meter.steps = stepsPerEvaluation;
    meter.stepsLimit = "evaluationSteps";
  }
  if (budget !== undefined && budget.size < sizePerEvaluation) {
    meter.size = budget.size > 0 ? budget.size : 0;
    meter.sizeLimit = "turnSize";
  } else {
    meter.size = sizePerEvaluation;
    meter.sizeLimit = "evaluationSize";
  }
  meter.stepsAtStart = meter.steps;
  meter.sizeAtStart = meter.size;
  countSteps(stepsUpFront);
}

/**
 * Settles the evaluation: draws what it used from the turn, and tells which limit it ran into, if any (even when the
 * interpreter caught the signal and went on).
 */
export function stopMetering(): EvaluationLimit | null {
  const budget = meter.budget;
  if (budget !== undefined) {
    // What it used, at most what it had: past a limit the counters run below zero.
    budget.steps -= meter.steps > 0 ? meter.stepsAtStart - meter.steps : meter.stepsAtStart;
    budget.size -= meter.size > 0 ? meter.sizeAtStart - meter.size : meter.sizeAtStart;
    meter.budget = undefined;
  }
  return meter.exceeded;
}

/** Work worth `steps` steps: nodes of the syntax tree evaluated, or a regular expression's match. */
export function countSteps(steps: number): void {
  meter.steps -= steps;
  if (meter.steps < 0) exceed(meter.stepsLimit);
}

/** A value that was built, or handed to an operation whose time grows with its size: checked and charged. */
export function countValue(value: unknown): void {
  const size = valueSize(value, EVALUATION_LIMITS.maxValueSize);
  if (size > EVALUATION_LIMITS.maxValueSize) exceed("valueSize");
  meter.size -= size;
  if (meter.size < 0) exceed(meter.sizeLimit);
}

/** Charges `size` to the running evaluation (the conversion of its context and of its result). */
export function countSize(size: number): void {
  meter.size -= size;
  if (meter.size < 0) exceed(meter.sizeLimit);
}
