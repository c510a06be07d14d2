import "server-only";
import { Cron } from "croner";
import { cronsOf, functionId, type AnyFunction } from "./inspect-function";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

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
 * Fires cron-triggered functions on a timer, as an Inngest server would. Each
 * firing is a job whose event id names the function and the scheduled minute,
 * so two drivers ticking the same schedule enqueue it once.
 */
export class CronTicker {
  private schedules: Schedule[];

  constructor(functions: AnyFunction[], now = new Date()) {
    this.schedules = functions.flatMap((fn) =>
      cronsOf(fn).map((expression) => {
        const { pattern, timezone } = parseCron(expression);
        const cron = new Cron(pattern, { paused: true, timezone });
        return { fnId: functionId(fn), expression, cron, next: cron.nextRun(now) };
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

  /** When the next firing is due, or null without schedules. */
  nextAt(): Date | null {
    const times = this.schedules.flatMap((s) => (s.next ? [s.next.getTime()] : []));
    return times.length ? new Date(Math.min(...times)) : null;
  }
}
