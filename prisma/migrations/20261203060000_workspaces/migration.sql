-- Workspaces (issue 13): flows and sessions belong to a workspace; each user gets a personal one, owning the flows
-- they had. Written by hand from scripts/db-diff.ts's output so existing rows move instead of being dropped.

-- CreateEnum
CREATE TYPE "WorkspaceRole" AS ENUM ('owner', 'editor', 'viewer');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "personalOwnerId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "WorkspaceRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("workspaceId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_personalOwnerId_key" ON "Workspace"("personalOwnerId");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_personalOwnerId_fkey" FOREIGN KEY ("personalOwnerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every user's personal workspace, with them as its owner. The local user's has the id "local", as seed.ts makes it.
INSERT INTO "Workspace" ("id", "name", "personalOwnerId")
SELECT CASE WHEN "id" = 'local' THEN 'local' ELSE gen_random_uuid()::text END, 'Personal', "id" FROM "User";
INSERT INTO "Membership" ("workspaceId", "userId", "role")
SELECT "id", "personalOwnerId", 'owner' FROM "Workspace";

-- A flow's owner becomes its creator; the flow moves to that owner's personal workspace.
ALTER TABLE "Flow" DROP CONSTRAINT "Flow_ownerId_fkey";
DROP INDEX "Flow_ownerId_deletedAt_updatedAt_idx";
ALTER TABLE "Flow" RENAME COLUMN "ownerId" TO "createdById";
ALTER TABLE "Flow" ALTER COLUMN "createdById" DROP NOT NULL;
ALTER TABLE "Flow" ADD COLUMN "workspaceId" TEXT;
UPDATE "Flow" SET "workspaceId" = w."id" FROM "Workspace" w WHERE w."personalOwnerId" = "Flow"."createdById";
ALTER TABLE "Flow" ALTER COLUMN "workspaceId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Flow_workspaceId_deletedAt_updatedAt_idx" ON "Flow"("workspaceId", "deletedAt", "updatedAt" DESC);

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A session belongs to its flow's workspace.
DROP INDEX "Session_userId_startedAt_idx";
ALTER TABLE "Session" ADD COLUMN "workspaceId" TEXT;
UPDATE "Session" SET "workspaceId" = f."workspaceId" FROM "Flow" f WHERE f."id" = "Session"."flowId";

-- CreateIndex
CREATE INDEX "Session_workspaceId_startedAt_idx" ON "Session"("workspaceId", "startedAt" DESC);
