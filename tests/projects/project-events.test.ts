import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as emitRoute } from "@/app/api/v1/events/route";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { readProjectDir } from "@/lib/projects/project-dir";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { waitFor, waitForRun } from "../support/runs";

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("project-events");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

describe("the pushed AI SRE example on the event bus", () => {
  it("an Incident starts triage, whose WorkItem starts resolve, with the local model", async () => {
    const files = await readProjectDir(path.resolve(import.meta.dirname, "../../examples/ai-sre"));
    const pushed = await call(
      importRoute,
      apiRequest("POST", "/api/v1/projects/import", { token: user.token }, { files }),
    );
    expect(pushed.status).toBe(200);

    const emitted = await call(
      emitRoute,
      apiRequest(
        "POST",
        "/api/v1/events",
        { token: user.token },
        {
          name: "Incident",
          data: {
            source: "sentry",
            issue_id: "SENTRY-42",
            title: "Checkout times out",
            link: "https://sentry.example.com/42",
          },
        },
      ),
    );
    expect(emitted.status).toBe(202);
    expect(emitted.body.runs.map((r: { workflowName: string }) => r.workflowName)).toEqual(["triage"]);

    const triage = await waitForRun(emitted.body.runs[0].id);
    expect(triage.status).toBe("completed");
    expect((triage.steps[0]!.input as { system: string }).system).toContain(
      'Investigate "Checkout times out" (sentry issue SENTRY-42) from https://sentry.example.com/42.',
    );

    const workItem = await waitFor(() => db.event.findFirst({ where: { sourceRunId: triage.id, name: "WorkItem" } }));
    expect(workItem).toMatchObject({ source: "step", depth: 1 });
    expect(Object.keys(workItem.data as object).sort()).toEqual(["link", "proposed_goal", "root_cause"]);

    const started = await waitFor(() =>
      db.run.findFirst({ where: { eventId: workItem.id }, include: { workflow: { select: { name: true } } } }),
    );
    expect(started.workflow.name).toBe("resolve");
    const resolve = await waitForRun(started.id, 40_000);
    expect(resolve.status).toBe("completed");
    expect(resolve.steps.map((s) => s.nodeId).slice(0, 3)).toEqual(["arbitrate", "fix", "review"]);
    const arbitrate = (resolve.steps[0]!.input as { system: string }).system;
    expect(arbitrate).toContain(`given the work item at ${(workItem.data as { link: string }).link}`);
  }, 60_000);
});
