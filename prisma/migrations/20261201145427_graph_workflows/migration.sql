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


-- Runs made before this migration: their path is the crew agents that started, in order.
UPDATE "Run" r SET "visited" = s.nodes
FROM (
  SELECT "runId", array_agg('agent-' || ("index" + 1) ORDER BY "index") AS nodes
  FROM "Step" WHERE "startedAt" IS NOT NULL GROUP BY "runId"
) s
WHERE s."runId" = r.id;
