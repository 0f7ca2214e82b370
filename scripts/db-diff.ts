/**
 * Prints the SQL that turns one Prisma schema into another, offline (the Prisma CLI's `migrate diff` needs a
 * native engine it cannot download here; see /work/shared/OFFLINE.md). Write a new migration with:
 *
 *   git show HEAD:prisma/schema.prisma > /tmp/old.prisma
 *   npx tsx scripts/db-diff.ts /tmp/old.prisma > prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql
 *
 * With no argument it diffs from an empty database. The engine needs a database connection even for a
 * schema-to-schema diff; a throwaway embedded PostgreSQL serves it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";

async function main(): Promise<void> {
  const fromFile = process.argv[2];
  const schema = readFileSync("prisma/schema.prisma", "utf8");

  // The package's entry imports the .wasm file as an ES module, which Node cannot; instantiate it by hand.
  const bindingsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();

  const folder = mkdtempSync(path.join(os.tmpdir(), "sb-db-diff-"));
  const server = await startEmbeddedPostgres(folder, { log: () => undefined });
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: server.url }));
    const engine = await engineBindings.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => undefined, adapter);
    const result = await engine.diff({
      from: fromFile
        ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readFileSync(fromFile, "utf8") }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    process.stdout.write(result.stdout ?? "");
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
