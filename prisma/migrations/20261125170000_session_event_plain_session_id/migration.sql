-- DropForeignKey
ALTER TABLE "SessionEvent" DROP CONSTRAINT "SessionEvent_sessionId_fkey";
