import { defineConfig } from "prisma/config";

// The CLI downloads its native schema engine on every command unless this points at an existing file; generate,
// validate and format never use it, and migrations are applied by lib/db/migrate.ts (see /work/shared/OFFLINE.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/switchboard" },
});
