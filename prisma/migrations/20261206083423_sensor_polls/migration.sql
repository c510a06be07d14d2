-- AlterTable
ALTER TABLE "Sensor" ADD COLUMN     "lastChangedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastHash" TEXT,
ADD COLUMN     "lastPolledAt" TIMESTAMP(3),
ADD COLUMN     "nextPollAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Sensor_nextPollAt_idx" ON "Sensor"("nextPollAt");

