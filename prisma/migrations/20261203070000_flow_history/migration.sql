-- A flow's history (issue 13): who changed it, how, and when.

-- CreateTable
CREATE TABLE "FlowChange" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" JSONB,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlowChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlowChange_flowId_at_idx" ON "FlowChange"("flowId", "at" DESC);

-- AddForeignKey
ALTER TABLE "FlowChange" ADD CONSTRAINT "FlowChange_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowChange" ADD CONSTRAINT "FlowChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
