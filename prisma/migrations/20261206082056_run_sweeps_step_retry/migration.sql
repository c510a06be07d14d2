-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "sweeps" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "retryAt" TIMESTAMP(3),
ADD COLUMN     "retryStatus" INTEGER;


-- Written by hand: Prisma does not generate triggers.
-- What the sweep did to a run (sweeps) is shown to clients following it: its
-- change notifies run_changed too (see 20261201144000_run_change_notify).
DROP TRIGGER "Run_notify_changed" ON "Run";

CREATE TRIGGER "Run_notify_changed"
  AFTER UPDATE ON "Run"
  FOR EACH ROW
  WHEN ((OLD."status", OLD."output", OLD."error", OLD."errorStepIndex", OLD."inputTokens", OLD."outputTokens",
         OLD."costUsd", OLD."cancelRequestedAt", OLD."startedAt", OLD."finishedAt", OLD."sweeps")
    IS DISTINCT FROM (NEW."status", NEW."output", NEW."error", NEW."errorStepIndex", NEW."inputTokens",
         NEW."outputTokens", NEW."costUsd", NEW."cancelRequestedAt", NEW."startedAt", NEW."finishedAt", NEW."sweeps"))
  EXECUTE FUNCTION "notify_run_changed"();
