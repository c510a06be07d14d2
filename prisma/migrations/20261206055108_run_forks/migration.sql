-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "forkedAtStep" INTEGER,
ADD COLUMN     "forkedFromId" TEXT,
ADD COLUMN     "overrides" JSONB;

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "reused" BOOLEAN NOT NULL DEFAULT false;

