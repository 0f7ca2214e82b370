/** `npm run db:seed`: migrates, then seeds the local user and, for a user without flows, the sample flow. */
import { databaseOptionsFromEnv, openDatabase } from "../lib/db/database";
import { seed } from "../lib/db/seed";

async function main(): Promise<void> {
  const open = await openDatabase(databaseOptionsFromEnv());
  try {
    // openDatabase seeds already; running it again reports what the seed does on this database.
    const result = await seed(open.db);
    console.log(result.createdSampleFlow ? "Created the sample flow" : "Seeded (the local user already has flows)");
  } finally {
    await open.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
