import { notFound } from "next/navigation";
import { BareFlow } from "@/components/bench/bare-flow";

/**
 * Baseline for `npm run bench:editor`: a bare React Flow page with the benchmark graph (`?n=500`). It is not part of
 * the product: served only when the server was started with SWITCHBOARD_BENCH_PAGES=1 (the benchmark does).
 */
export default async function BareBenchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (process.env.SWITCHBOARD_BENCH_PAGES !== "1") notFound();
  const { n } = await searchParams;
  const size = Math.min(5000, Math.max(1, Number(typeof n === "string" ? n : 500) || 500));
  return <BareFlow size={size} />;
}
