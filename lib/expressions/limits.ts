/**
 * Every bound on what one flow may make the server do, in one place. All of a process's conversations share one event
 * loop, so one flow's work is every caller's wait: these numbers keep the worst a flow can do small enough that nobody
 * else notices (see lib/expressions/README.md, "Evaluation limits"). Sizes count characters of strings plus one per
 * item of a list or map (and its key's characters), which is roughly what a value costs to keep, copy and log.
 */
export const EVALUATION_LIMITS = {
  /**
   * Steps of one expression: one per node of its syntax tree evaluated, plus a regular expression's work (see
   * regexSteps). At ~20-40 ns a step on a 2-core machine, 200,000 steps stop a runaway expression after ~5-10 ms;
   * a condition over a 1,000-item list takes ~6,000.
   */
  stepsPerEvaluation: 200_000,
  /**
   * Steps of every expression and regular expression between two listens together: a turn may chain many Set and
   * Branch nodes. 1,000,000 steps is ~20-40 ms, the most one turn may hold up everyone else.
   */
  stepsPerTurn: 1_000_000,
  /**
   * Size one expression may build (every string, list and map a `+`, call, literal or comprehension makes) or feed
   * to an operation whose time grows with it (comparisons, `in`, string functions). 1,000,000 is ~2-8 MB built and a
   * few milliseconds of copying or comparing.
   */
  sizePerEvaluation: 1_000_000,
  /** Size built by all expressions of a turn, plus what the turn logs (assigned values and replies). */
  sizePerTurn: 2_000_000,
  /**
   * How fast a call earns its allowance back (lib/expressions/turn-budget.ts): a call that keeps every turn at the
   * limit gets at most ~5-10 ms of the event loop per second (under 1% of a core), however fast its caller speaks. A
   * flow that needs 10,000 steps a turn (a lot) has them back in 40 ms.
   */
  stepsEarnedPerSecond: 250_000,
  sizeEarnedPerSecond: 500_000,
  /**
   * What every turn may take whatever the call has left: ordinary turns (a few conditions and assignments, ~100-1,000
   * steps) never run dry however quickly the caller answers; 10,000 steps (~0.2-0.4 ms) is about what handling the
   * message itself costs, so a flood of quick messages is no worse than the messages.
   */
  stepsEveryTurn: 10_000,
  sizeEveryTurn: 20_000,
  /**
   * The largest value anything may hold: a string of 65,536 characters, a list of 65,536 numbers. Ten long LLM
   * answers, and small enough that one `variables.changed` event stays well under a megabyte. Checked on every value
   * an expression builds, so `s + s` repeated stops at the first doubling past it.
   */
  maxValueSize: 65_536,
  /** All variables of one session together (4 values of the largest size): a session's memory stays bounded. */
  maxVariablesSize: 262_144,
  /**
   * The longest reply a Say (or an End's goodbye) may render. A Say's text is at most 5,000 characters; this leaves
   * room for the variables it inserts. Ten thousand characters is minutes of speech and pages of chat.
   */
  maxReplyLength: 10_000,
  /** Nodes one turn may run: validation forbids loops that never listen, this bounds what a bug could still do. */
  nodesPerTurn: 10_000,
  /**
   * Patterns built at run time (`s.matches(pattern)` with a pattern from a variable) are compiled once and kept, up
   * to this many: compiling costs far more than a match, and each compiled pattern keeps its automaton's cache.
   */
  dynamicPatternCache: 256,
  /** A pattern built at run time is at most as long as a Branch's regular expression may be. */
  maxDynamicPatternLength: 1_000,
} as const;

/**
 * What a regular expression match counts against the step budget: one step per character of input per instruction
 * of the compiled pattern. RE2 runs most patterns from a DFA at about a nanosecond a character, but a pattern whose
 * automaton outgrows the DFA's cache falls back to an NFA that costs up to ~40 ns per character per instruction
 * (measured: `a[ab]{999}b$` took 75 ms on 2,000 characters, 0.8 s on 64 KB): only the worst case is a bound.
 */
export function regexSteps(inputLength: number, programSize: number): number {
  return inputLength * programSize;
}
