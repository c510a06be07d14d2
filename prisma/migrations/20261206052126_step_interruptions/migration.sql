-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "callInFlight" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "interruptions" INTEGER NOT NULL DEFAULT 0;

