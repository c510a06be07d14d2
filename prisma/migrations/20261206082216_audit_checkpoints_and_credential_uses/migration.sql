-- CreateTable
CREATE TABLE "CredentialUse" (
    "workspaceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CredentialUse_pkey" PRIMARY KEY ("runId","credentialId")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "throughSeq" INTEGER NOT NULL,
    "throughMac" TEXT NOT NULL,
    "pruned" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "mac" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CredentialUse_credentialId_idx" ON "CredentialUse"("credentialId");

-- CreateIndex
CREATE INDEX "CredentialUse_workspaceId_idx" ON "CredentialUse"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_workspaceId_key" ON "AuditCheckpoint"("workspaceId");

-- AddForeignKey
ALTER TABLE "CredentialUse" ADD CONSTRAINT "CredentialUse_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialUse" ADD CONSTRAINT "CredentialUse_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditCheckpoint" ADD CONSTRAINT "AuditCheckpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

