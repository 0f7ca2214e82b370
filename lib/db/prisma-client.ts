import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** The app's database handle: a Prisma client over adapter-pg, for PGlite and PostgreSQL alike. */
export type Database = PrismaClient;

/** Connects Prisma to a PostgreSQL connection string through node-pg (no native engine needed). */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
