-- CreateEnum
CREATE TYPE "WebhookScheme" AS ENUM ('standard', 'legacy');

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "webhookScheme" "WebhookScheme" NOT NULL DEFAULT 'standard';

-- Hooks made before Standard Webhooks keep the scheme their senders use (written by hand: data, not schema)
UPDATE "EventType" SET "webhookScheme" = 'legacy' WHERE "webhookId" IS NOT NULL;

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "eventTypeId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "eventId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventTypeId_createdAt_idx" ON "WebhookDelivery"("eventTypeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_eventTypeId_messageId_key" ON "WebhookDelivery"("eventTypeId", "messageId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

