import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { getAgentRowOrThrow } from "./get-agent";
import { describeRuns, nextRunTimes } from "./schedule";
import { scheduleFromColumns } from "./schedule-columns";

/** The agent's next `count` run times, as instants and as wall-clock times in its time zone. */
export async function agentSchedule(scope: Scope, agentId: string, count: number, now = new Date()) {
  const agent = await getAgentRowOrThrow(scope, agentId);
  const schedule = scheduleFromColumns(agent);
  const paused = agent.status === "paused";
  let times = paused ? [] : nextRunTimes(schedule, count, now);
  // A due tick that has not fired yet comes first.
  if (!paused && agent.nextRunAt && agent.nextRunAt.getTime() <= now.getTime()) {
    times = [agent.nextRunAt, ...times].slice(0, count);
  } else if (!paused && schedule.type === "interval" && agent.nextRunAt) {
    times = nextRunTimes(schedule, count - 1, agent.nextRunAt);
    times.unshift(agent.nextRunAt);
  }
  return { schedule, timezone: schedule.timezone, paused, runs: describeRuns(times, schedule.timezone) };
}
