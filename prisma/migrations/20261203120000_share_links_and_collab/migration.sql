-- CreateTable
CREATE TABLE "FlowShareLink" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FlowShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowCollabState" (
    "flowId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "revision" INTEGER NOT NULL,
    "generation" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlowCollabState_pkey" PRIMARY KEY ("flowId")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowShareLink_tokenHash_key" ON "FlowShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "FlowShareLink_flowId_idx" ON "FlowShareLink"("flowId");

-- AddForeignKey
ALTER TABLE "FlowShareLink" ADD CONSTRAINT "FlowShareLink_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowShareLink" ADD CONSTRAINT "FlowShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowCollabState" ADD CONSTRAINT "FlowCollabState_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
