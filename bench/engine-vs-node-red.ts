/**
 * Engine overhead per executed node: Switchboard's runtime (Session + flowHandler + a SessionTransport that, like the
 * Socket.IO one, keeps no replies) against Node-RED 4 embedded, on the same 10-node turn (see engine-flow.ts). Runs
 * both in one process, interleaved in rounds so background load hits both alike, and prints per-node percentiles,
 * throughput, the ratio and a PASS/FAIL line against the targets.
 *
 *   npm run bench:engine [-- --turns=100000 --warmup=5000 --rounds=20]
 *
 * Throughput is wall-clock, so a moment the machine gives another process counts against whoever runs then; a
 * Switchboard round is ten times shorter than a Node-RED one, so the measured turns are many (Switchboard's share
 * ~0.5 s) and the rounds short, which keeps one stall from deciding the ratio.
 */
import os from "node:os";
import { NODES_PER_TURN } from "./engine-flow";
import { startNodeRed } from "./engine-node-red";
import { startSwitchboard, type TurnRunner } from "./engine-switchboard";
import { formatNumber, formatTable, scaleSummary, summarize, type Summary } from "./stats";

/** Targets: Switchboard's median cost per node, and its throughput as a multiple of Node-RED's. */
const TARGET_P50_US_PER_NODE = 5;
const TARGET_THROUGHPUT_RATIO = 10;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

interface Result {
  name: string;
  /** Microseconds per executed node (turn time / nodes per turn). */
  perNode: Summary;
  /** Nodes per second over the measured turns, wall clock. */
  throughput: number;
}

async function main(): Promise<void> {
  const turns = option("turns", 100_000);
  const warmup = option("warmup", 5_000);
  const rounds = option("rounds", 20);
  const perRound = Math.ceil(turns / rounds);

  console.log(`Engine overhead per node: ${NODES_PER_TURN} nodes per turn, ${formatNumber(perRound * rounds)} measured turns per system`);
  console.log(`(after ${formatNumber(warmup)} warm-up turns; ${rounds} interleaved rounds)`);
  console.log(
    "Switchboard turn: utterance → listen → (branch → set → say) × 3 → listen; Session + flowHandler + counting transport (keeps no replies)",
  );
  console.log("Node-RED turn:    change → (switch → change → template) × 3 → capture node; embedded, default async delivery");
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average at start ${loadAverage()}`);

  const switchboard = await startSwitchboard();
  const nodeRed = await startNodeRed(["jsonata", "literal"]);
  const runners: TurnRunner[] = [switchboard, ...nodeRed.runners];
  try {
    for (const runner of runners) await runner.runTurns(warmup, []);
    const samples = runners.map((): number[] => []);
    const walls = runners.map(() => 0);
    for (let round = 0; round < rounds; round += 1) {
      // Alternate the order so neither system always runs right after the other's garbage.
      const order = round % 2 === 0 ? runners.map((_, index) => index) : runners.map((_, index) => runners.length - 1 - index);
      for (const index of order) {
        const runner = runners[index] as TurnRunner;
        walls[index] = (walls[index] ?? 0) + (await runner.runTurns(perRound, samples[index] as number[]));
      }
    }
    const results: Result[] = runners.map((runner, index) => {
      const taken = samples[index] as number[];
      return {
        name: runner.name,
        perNode: scaleSummary(summarize(taken), 1 / NODES_PER_TURN),
        throughput: (taken.length * NODES_PER_TURN) / ((walls[index] ?? 0) / 1e6),
      };
    });
    report(results);
  } finally {
    for (const runner of runners) await runner.close();
    await nodeRed.close();
  }
}

function report(results: Result[]): void {
  const us = (value: number) => formatNumber(value, 2);
  console.log("");
  console.log(
    formatTable(
      ["system", "p50 µs/node", "p90 µs/node", "p99 µs/node", "mean µs/node", "nodes/s"],
      results.map(({ name, perNode, throughput }) => [
        name,
        us(perNode.p50),
        us(perNode.p90),
        us(perNode.p99),
        us(perNode.mean),
        formatNumber(throughput),
      ]),
    ),
  );
  const [switchboard, sameWork, literal] = results;
  if (!switchboard || !sameWork || !literal) throw new Error("missing results");
  const ratio = switchboard.throughput / sameWork.throughput;
  const literalRatio = switchboard.throughput / literal.throughput;
  console.log("");
  console.log(`throughput ratio Switchboard / ${sameWork.name}: ${formatNumber(ratio, 1)}×`);
  console.log(`throughput ratio Switchboard / ${literal.name}: ${formatNumber(literalRatio, 1)}× (Node-RED doing less work)`);
  const p50Ok = switchboard.perNode.p50 <= TARGET_P50_US_PER_NODE;
  const ratioOk = ratio >= TARGET_THROUGHPUT_RATIO;
  console.log(
    `${p50Ok && ratioOk ? "PASS" : "FAIL"}: p50 ${us(switchboard.perNode.p50)} µs/node (target ≤ ${TARGET_P50_US_PER_NODE}) ${p50Ok ? "ok" : "MISSED"}; ` +
      `throughput ${formatNumber(ratio, 1)}× Node-RED (target ≥ ${TARGET_THROUGHPUT_RATIO}×) ${ratioOk ? "ok" : "MISSED"}`,
  );
  console.log(`load average at end ${loadAverage()}`);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

main().then(
  // Node-RED leaves handles behind after stop(); the figures are printed, so leave now.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
