-- CreateTable
CREATE TABLE "RunStreamSlot" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunStreamSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunStreamSlot_workspaceId_expiresAt_idx" ON "RunStreamSlot"("workspaceId", "expiresAt");

-- AddForeignKey
ALTER TABLE "RunStreamSlot" ADD CONSTRAINT "RunStreamSlot_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

