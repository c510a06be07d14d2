import { describe, expect, it } from "vitest";
import type { AgentDto } from "@/lib/queries/agent-types";
import { agentBody, agentDraftFrom, changedFields, emptyAgentDraft } from "./agent-draft";
import { localDateTimeInput, scheduleBody, scheduleDraftFrom } from "./schedule-draft";

const agent: AgentDto = {
  id: "a1",
  name: "News Notifier",
  role: "News curator",
  description: "",
  goal: "Publish a digest.",
  model: { provider: "anthropic", model: "claude-sonnet-4-6" },
  capabilities: ["ai", "workflows"],
  patchMode: "apply",
  status: "idle",
  schedule: { type: "cron", expression: "0 9 * * *", timezone: "Europe/Berlin" },
  timezone: "Europe/Berlin",
  nextRunAt: null,
  lastRunAt: null,
  workflowIds: ["w1", "w2"],
  workflows: [],
  createdBy: "user",
  createdById: null,
  parentAgentId: null,
  chatId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("changedFields", () => {
  it("is empty for an untouched draft of a saved agent", () => {
    const initial = agentDraftFrom(agent);
    expect(changedFields(initial, agentDraftFrom(agent))).toEqual({});
  });

  it("sends only what changed, with the schedule as a request body", () => {
    const initial = agentDraftFrom(agent);
    const draft = {
      ...initial,
      name: "Morning Notifier",
      schedule: { ...initial.schedule, type: "interval" as const, intervalMinutes: "30" },
    };
    expect(changedFields(initial, draft)).toEqual({
      name: "Morning Notifier",
      schedule: { type: "interval", intervalMinutes: 30, timezone: "Europe/Berlin" },
    });
  });

  it("sends patchMode once it is switched to propose", () => {
    const initial = agentDraftFrom(agent);
    expect(changedFields(initial, { ...initial, patchMode: "propose" })).toEqual({ patchMode: "propose" });
  });

  it("counts workflow order but not capability order", () => {
    const initial = agentDraftFrom(agent);
    expect(changedFields(initial, { ...initial, capabilities: ["workflows", "ai"] })).toEqual({});
    expect(changedFields(initial, { ...initial, workflowIds: ["w2", "w1"] })).toEqual({ workflowIds: ["w2", "w1"] });
    expect(changedFields(initial, { ...initial, capabilities: ["ai"] })).toEqual({ capabilities: ["ai"] });
  });

  it("sends a changed model for the API to judge", () => {
    const initial = agentDraftFrom(agent);
    expect(changedFields(initial, { ...initial, model: "claude-haiku-4-5" })).toEqual({ model: "claude-haiku-4-5" });
  });
});

describe("schedule drafts", () => {
  it("round-trip every schedule type through the form", () => {
    for (const schedule of [
      { type: "manual", timezone: "UTC" },
      { type: "interval", intervalMinutes: 15, timezone: "Asia/Tokyo" },
      { type: "cron", expression: "*/5 * * * *", timezone: "America/New_York" },
    ] as const) {
      expect(scheduleBody(scheduleDraftFrom(schedule))).toEqual(schedule);
    }
  });

  it("shows a one-off time in the browser's zone, to the minute", () => {
    const iso = "2030-05-06T07:08:00.000Z";
    const draft = scheduleDraftFrom({ type: "once", datetime: iso, timezone: "UTC" });
    expect(draft.datetime).toBe(localDateTimeInput(iso));
    expect(draft.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(scheduleBody(draft)).toEqual({ type: "once", datetime: iso, timezone: "UTC" });
    expect(localDateTimeInput("not a date")).toBe("");
  });
});

describe("new agent", () => {
  it("starts manual in the given zone with a capable model", () => {
    const body = agentBody(emptyAgentDraft("Europe/Paris"));
    expect(body.schedule).toEqual({ type: "manual", timezone: "Europe/Paris" });
    expect(body.model).toBe("claude-sonnet-4-6");
    expect(body.capabilities).toEqual(["ai", "workflows"]);
  });
});
