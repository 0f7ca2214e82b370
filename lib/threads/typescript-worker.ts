import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread running a TypeScript entry. Node 20 cannot load TypeScript, and a worker does not inherit the
 * loader hooks tsx registered on the main thread (nor vitest's): a small bootstrap registers tsx in the thread, then
 * imports the entry through it.
 */
export function typescriptWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  // The ESM build of tsx's API; require.resolve names the CommonJS one beside it.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
