import { BareFlow } from "@/components/bench/bare-flow";

/** Baseline for `npm run bench:editor`: a bare React Flow page with the benchmark graph (`?n=500`). */
export default async function BareBenchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { n } = await searchParams;
  const size = Math.min(5000, Math.max(1, Number(typeof n === "string" ? n : 500) || 500));
  return <BareFlow size={size} />;
}
