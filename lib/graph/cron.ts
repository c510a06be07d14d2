import { Cron } from "croner";

/* Pure: no server imports, so the editor and the command line judge schedules as the API does. */

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Five-field cron (minute precision: the scheduler sweeps once a minute) or a nickname like @daily. */
export function cronProblem(expression: string): string | null {
  const trimmed = expression.trim();
  if (!trimmed.startsWith("@") && trimmed.split(/\s+/).length !== 5) {
    return "Use five fields: minute hour day-of-month month day-of-week";
  }
  try {
    const next = new Cron(trimmed, { paused: true }).nextRun();
    return next ? null : "This expression never fires";
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^CronPattern: /, "") : "Invalid cron expression";
  }
}
