/**
 * Small statistics and formatting helpers shared by the benchmarks. Pure functions, no timing of their own:
 * benchmarks collect samples and hand them here.
 */

/** Order statistics of a sample set, in the unit of the samples. */
export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The p-th percentile (0–100) of ascending-sorted samples, by linear interpolation between closest ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  if (p >= 100) return sorted[sorted.length - 1] as number;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/** Summarizes samples (any order; the input is not modified). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  let total = 0;
  for (const value of values) total += value;
  return {
    count: values.length,
    min: values.length === 0 ? Number.NaN : (values[0] as number),
    mean: values.length === 0 ? Number.NaN : total / values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : (values[values.length - 1] as number),
  };
}

/** The median of a few values (e.g. of repeated runs' figures). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Scales every figure of a summary, e.g. per-turn microseconds to per-node. */
export function scaleSummary(summary: Summary, factor: number): Summary {
  return {
    count: summary.count,
    min: summary.min * factor,
    mean: summary.mean * factor,
    p50: summary.p50 * factor,
    p90: summary.p90 * factor,
    p99: summary.p99 * factor,
    max: summary.max * factor,
  };
}

/** A number with a fixed count of decimals and thousands separators, e.g. `1,234,567.8`. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Aligns rows of cells into columns: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
