-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "responseTone" TEXT;

