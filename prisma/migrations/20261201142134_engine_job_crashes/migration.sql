-- AlterTable
ALTER TABLE "EngineJob" ADD COLUMN     "crashes" INTEGER NOT NULL DEFAULT 0;

