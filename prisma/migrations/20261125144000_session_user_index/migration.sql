-- DropIndex
DROP INDEX "Session_startedAt_idx";

-- CreateIndex
CREATE INDEX "Session_userId_startedAt_idx" ON "Session"("userId", "startedAt" DESC);
