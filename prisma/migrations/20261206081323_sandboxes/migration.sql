-- AlterEnum
ALTER TYPE "CredentialKind" ADD VALUE 'daytona';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "sandboxes" JSONB;

-- CreateTable
CREATE TABLE "Sandbox" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "runId" TEXT,
    "workflowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'daytona',
    "providerId" TEXT NOT NULL,
    "credentialId" TEXT,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Sandbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Sandbox_workspaceId_runId_idx" ON "Sandbox"("workspaceId", "runId");

-- CreateIndex
CREATE INDEX "Sandbox_workspaceId_workflowId_name_idx" ON "Sandbox"("workspaceId", "workflowId", "name");

-- CreateIndex
CREATE INDEX "Sandbox_deletedAt_lastUsedAt_idx" ON "Sandbox"("deletedAt", "lastUsedAt");

-- AddForeignKey
ALTER TABLE "Sandbox" ADD CONSTRAINT "Sandbox_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

