-- Written by hand: Prisma does not generate triggers.
-- Every change a client following a run can see (the status, result, totals
-- and times of the run but not its heartbeat, and any change of its steps)
-- notifies the channel run_changed with the id of the run. Each server
-- process LISTENs on one connection and refreshes the runs its open event
-- streams follow (lib/runs/run-change-feed.ts). PostgreSQL delivers
-- notifications at commit and folds identical ones of one transaction.

-- The migration runner splits a script at every semicolon, quoted or not, so
-- the body spells its semicolons as the escape \073.
CREATE FUNCTION "notify_run_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(\'run_changed\', NEW."id")\073
  RETURN NULL\073
END';

CREATE FUNCTION "notify_step_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(\'run_changed\', NEW."runId")\073
  RETURN NULL\073
END';

CREATE TRIGGER "Run_notify_changed"
  AFTER UPDATE ON "Run"
  FOR EACH ROW
  WHEN ((OLD."status", OLD."output", OLD."error", OLD."errorStepIndex", OLD."inputTokens", OLD."outputTokens",
         OLD."costUsd", OLD."cancelRequestedAt", OLD."startedAt", OLD."finishedAt")
    IS DISTINCT FROM (NEW."status", NEW."output", NEW."error", NEW."errorStepIndex", NEW."inputTokens",
         NEW."outputTokens", NEW."costUsd", NEW."cancelRequestedAt", NEW."startedAt", NEW."finishedAt"))
  EXECUTE FUNCTION "notify_run_changed"();

CREATE TRIGGER "Step_notify_changed"
  AFTER UPDATE ON "Step"
  FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION "notify_step_changed"();
