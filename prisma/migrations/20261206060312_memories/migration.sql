-- CreateEnum
CREATE TYPE "MemoryKind" AS ENUM ('fact', 'episode');

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "memorySessionId" TEXT,
ADD COLUMN     "memoryUserId" TEXT;

-- CreateTable
CREATE TABLE "Memory" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT,
    "kind" "MemoryKind" NOT NULL,
    "content" TEXT NOT NULL,
    "workflowId" TEXT,
    "runId" TEXT,
    "stepId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Memory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Memory_stepId_key" ON "Memory"("stepId");

-- CreateIndex
CREATE INDEX "Memory_workspaceId_userId_createdAt_idx" ON "Memory"("workspaceId", "userId", "createdAt");

-- AddForeignKey
ALTER TABLE "Memory" ADD CONSTRAINT "Memory_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text recall ranks memories with the database text search (Prisma cannot declare an expression index).
CREATE INDEX "Memory_content_fts_idx" ON "Memory" USING GIN (to_tsvector('english', "content"));
