-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "runtimeId" TEXT;

-- CreateTable
CREATE TABLE "RuntimeLease" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "renewedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuntimeLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_status_runtimeId_idx" ON "Session"("status", "runtimeId");
