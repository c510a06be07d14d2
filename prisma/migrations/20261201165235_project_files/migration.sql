-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "projectRegistry" TEXT;

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "files" JSONB;

