-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "nextTriggerAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "budget" JSONB,
ADD COLUMN     "errorCode" TEXT;

-- CreateIndex
CREATE INDEX "Workflow_nextTriggerAt_idx" ON "Workflow"("nextTriggerAt");

