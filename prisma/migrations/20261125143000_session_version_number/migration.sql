-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "versionNumber" INTEGER;
