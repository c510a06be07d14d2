-- CreateEnum
CREATE TYPE "PatchMode" AS ENUM ('apply', 'propose');

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "patchMode" "PatchMode" NOT NULL DEFAULT 'apply';

-- AlterTable
ALTER TABLE "Reflection" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "decisionComment" TEXT,
ADD COLUMN     "proposal" TEXT;

