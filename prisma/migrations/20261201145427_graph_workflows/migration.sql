-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "graph" JSONB,
ALTER COLUMN "crew" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "visited" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "branch" TEXT,
ADD COLUMN     "data" JSONB,
ADD COLUMN     "nodeId" TEXT,
ADD COLUMN     "visit" INTEGER NOT NULL DEFAULT 1;

