-- AlterTable
ALTER TABLE "EngineJob" ADD COLUMN     "wakes" INTEGER NOT NULL DEFAULT 0;

