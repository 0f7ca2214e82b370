/** `npm run bench`: every benchmark in turn, each in its own process so none inherits another's heap or JIT state. */
import { spawnSync } from "node:child_process";

const benchmarks = [
  "bench:engine",
  "bench:sessions",
  "bench:collab",
  "bench:editor",
  "bench:voice-engines",
  "bench:voice",
  "bench:livekit",
];
let failed = 0;
for (const name of benchmarks) {
  console.log(`\n===== npm run ${name}\n`);
  const result = spawnSync("npm", ["run", "--silent", name], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
