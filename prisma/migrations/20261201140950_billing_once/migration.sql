-- CreateEnum
CREATE TYPE "UsageKind" AS ENUM ('run', 'reflection');

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "kind" "UsageKind" NOT NULL DEFAULT 'run',
ADD COLUMN     "plan" "Plan",
ADD COLUMN     "reflectedRunId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "lastEventAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CheckoutSession" (
    "workspaceId" TEXT NOT NULL,
    "stripeSessionId" TEXT,
    "plan" "Plan" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckoutSession_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutSession_stripeSessionId_key" ON "CheckoutSession"("stripeSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "UsageEvent_reflectedRunId_key" ON "UsageEvent"("reflectedRunId");

-- AddForeignKey
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

