-- AlterTable
ALTER TABLE "EngineJob" ADD COLUMN     "groupScope" TEXT,
ADD COLUMN     "groupSlot" INTEGER,
ADD COLUMN     "slot" INTEGER,
ADD COLUMN     "slotScope" TEXT;

-- CreateIndex
CREATE INDEX "EngineJob_slotScope_status_idx" ON "EngineJob"("slotScope", "status");

-- CreateIndex
CREATE INDEX "EngineJob_groupScope_status_idx" ON "EngineJob"("groupScope", "status");


-- Prisma cannot express partial unique indexes. A running job holds one slot of
-- the concurrency limit of its scope (and one of a shared limit). Two claims that
-- pick the same free slot at once cannot both commit, so a limit holds across
-- drivers without a lock that serialises every claim.
CREATE UNIQUE INDEX "EngineJob_running_slot_key" ON "EngineJob"("slotScope", "slot")
  WHERE "status" = 'running' AND "slot" IS NOT NULL;
CREATE UNIQUE INDEX "EngineJob_running_groupSlot_key" ON "EngineJob"("groupScope", "groupSlot")
  WHERE "status" = 'running' AND "groupSlot" IS NOT NULL;
