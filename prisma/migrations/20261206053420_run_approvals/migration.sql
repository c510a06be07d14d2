-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "waitingFor" TEXT;

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "approval" JSONB;

