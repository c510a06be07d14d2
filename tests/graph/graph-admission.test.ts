import { describe, expect, it } from "vitest";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { makeUsageEvent } from "../support/billing";
import { apiRequest, call, makeUser } from "../support/factory";
import { createOk, triage } from "./helpers";

describe("Free-plan admission of graph runs", () => {
  it("a queued graph run holds its maxSteps against the month's 1,000 steps", async () => {
    const u = await makeUser("graph-admit");
    const body = triage("Reply billing or tech.");
    const id = await createOk(u, { ...body, graph: { ...body.graph, maxSteps: 40 } });
    const trigger = () =>
      call(createRun, apiRequest("POST", `/api/v1/workflows/${id}/runs`, { token: u.token }, { input: "Hi" }), { id });

    await makeUsageEvent(u.workspaceId, { steps: 920 });
    // 920 used + 40 held by the first run = 960; a second run would need 40 more (1,000): still fits.
    const first = await trigger();
    expect(first.status).toBe(202);
    expect(first.body.stepCount).toBe(40);
    const second = await trigger();
    expect(second.status).toBe(202);
    // 920 + 40 + 40 = 1,000 held: a third does not fit.
    const third = await trigger();
    expect(third.status).toBe(402);
    expect(third.body.error.details).toMatchObject({ used: 920, reserved: 80, requested: 40 });
  });
});
