-- AlterEnum
ALTER TYPE "UsageKind" ADD VALUE 'chat';

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "chatMessageId" TEXT;

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "costUsd" DECIMAL(14,6),
ADD COLUMN     "discardedAt" TIMESTAMP(3),
ADD COLUMN     "edits" JSONB,
ADD COLUMN     "inputTokens" INTEGER,
ADD COLUMN     "outputTokens" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "UsageEvent_chatMessageId_key" ON "UsageEvent"("chatMessageId");

