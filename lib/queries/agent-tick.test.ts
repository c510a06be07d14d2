import { describe, expect, it } from "vitest";
import type { AgentDto } from "./agent-types";
import { MAX_TICK_WAIT_MS, tickInProgress } from "./agent-tick";
import { formatInZone } from "./format";

const agent = (status: AgentDto["status"], lastRunAt: string | null) => ({ status, lastRunAt }) as AgentDto;

describe("agent tick in progress", () => {
  const pending = { tickId: "t1", lastRunAt: null, since: 1_000 };

  it("keeps refreshing after Start now while the agent still reads idle with its old last run", () => {
    expect(tickInProgress(agent("idle", null), pending, 2_000)).toBe(true);
    expect(tickInProgress(agent("running", null), pending, 2_000)).toBe(true);
  });

  it("stops once the run shows, when paused, or when the engine never picks the tick up", () => {
    expect(tickInProgress(agent("idle", "2026-12-06T09:00:00.000Z"), pending, 2_000)).toBe(false);
    expect(tickInProgress(agent("failed", "2026-12-06T09:00:00.000Z"), pending, 2_000)).toBe(false);
    expect(tickInProgress(agent("paused", null), pending, 2_000)).toBe(false);
    expect(tickInProgress(agent("idle", null), pending, 1_000 + MAX_TICK_WAIT_MS)).toBe(false);
    expect(tickInProgress(agent("idle", null), null, 2_000)).toBe(false);
  });
});

describe("formatInZone", () => {
  it("names the zone a time is shown in", () => {
    expect(formatInZone("2026-12-07T08:00:00.000Z", "Europe/Berlin")).toBe("Mon 7 Dec, 09:00 (Europe/Berlin)");
    expect(formatInZone("2026-12-07T08:00:00.000Z", "UTC")).toBe("Mon 7 Dec, 08:00 (UTC)");
    expect(formatInZone(null, "UTC")).toBe("—");
  });
});
