import "server-only";
import { Cron } from "croner";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FunctionConfig } from "./registration";

interface Schedule {
  fnId: string;
  expression: string;
  cron: Cron;
  next: Date | null;
}

/** Splits Inngest's "TZ=Europe/Paris 0 9 * * *" form into pattern and time zone. */
function parseCron(expression: string): { pattern: string; timezone?: string } {
  const m = /^TZ=(\S+)\s+(.+)$/.exec(expression.trim());
  return m ? { pattern: m[2]!, timezone: m[1]! } : { pattern: expression.trim() };
}

/**
 * Fires the registered cron triggers on a timer, as an Inngest server would.
 * Each firing is a job whose event id names the schedule and the minute, so
 * two drivers ticking the same schedule enqueue it once.
 */
export class CronTicker {
  private schedules: Schedule[];

  constructor(functions: FunctionConfig[], now = new Date()) {
    this.schedules = functions.flatMap((fn) =>
      fn.triggers.flatMap((t) => {
        if (!t.cron) return [];
        const { pattern, timezone } = parseCron(t.cron);
        const cron = new Cron(pattern, { paused: true, timezone });
        return [{ fnId: fn.id, expression: t.cron, cron, next: cron.nextRun(now) }];
      }),
    );
  }

  /** Enqueues every firing that is due; returns how many were due. */
  async tick(now = new Date()): Promise<number> {
    const due: Prisma.EngineJobCreateManyInput[] = [];
    for (const s of this.schedules) {
      if (!s.next || s.next > now) continue;
      due.push({
        functionId: s.fnId,
        eventName: "inngest/scheduled.timer",
        eventId: `cron:${s.expression}:${s.next.toISOString()}`,
        data: { cron: s.expression },
      });
      s.next = s.cron.nextRun(now);
    }
    if (due.length > 0) await db.engineJob.createMany({ data: due, skipDuplicates: true });
    return due.length;
  }
}
