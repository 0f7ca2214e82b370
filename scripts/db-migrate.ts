/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in the state folder.
 * The app also migrates on start; this is for deploys and for checking a database by hand.
 */
import { databaseOptionsFromEnv } from "../lib/db/database";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";

async function main(): Promise<void> {
  const options = databaseOptionsFromEnv();
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres(options.dataDirectory ?? "");
  try {
    const url = options.databaseUrl ?? embedded?.url ?? "";
    console.log(embedded ? `Embedded database in ${options.dataDirectory}` : "Database from DATABASE_URL");
    const report = await migrate(url, { log: (line) => console.log(line) });
    console.log(`${report.applied.length} applied, ${report.alreadyApplied.length} already applied`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
