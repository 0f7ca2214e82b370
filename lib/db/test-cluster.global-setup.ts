/**
 * Vitest global setup: one embedded PostgreSQL for the whole test run, on which every test file that asks for an
 * "embedded" database gets a database of its own (test-databases.ts). Starting a cluster per file would cost an
 * initdb (~0.7 s) each; tests of the embedded server itself still start their own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's embedded cluster, as its maintenance database `postgres`. */
    embeddedAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "sb-test-cluster-"));
  const cluster = await startEmbeddedPostgres(folder, {
    log: () => undefined,
    onUnrecoverable: (error) => console.error(`[test] the test run's embedded PostgreSQL died: ${error.message}`),
  });
  const url = new URL(cluster.url);
  url.pathname = "/postgres";
  project.provide("embeddedAdminUrl", url.toString());
  return async () => {
    await cluster.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
