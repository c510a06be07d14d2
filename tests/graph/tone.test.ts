import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { db } from "@/lib/db/client";
import { toneInstruction } from "@/lib/graph/tone";
import { makeUser, type TestUser } from "../support/factory";
import { create, createOk, runToEnd } from "./helpers";

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("tone");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

describe("a workflow's response tone", () => {
  it("is inherited by nodes without their own and said in each step's prompt; a node's own wins", async () => {
    const id = await createOk(user, {
      name: "Toned",
      graph: {
        start: "draft",
        responseTone: "executive",
        nodes: [
          { id: "draft", role: "writer", systemPrompt: "Draft the update." },
          {
            id: "explain",
            role: "teacher",
            systemPrompt: "Explain the update.",
            responseTone: "like a ship's captain",
          },
        ],
        edges: [
          { from: "draft", to: "explain" },
          { from: "explain", to: "END" },
        ],
      },
    });
    const run = await runToEnd(user, id, "Quarterly numbers are in.");
    expect(run.status).toBe("completed");
    const steps = await db.step.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    const systems = steps.map((s) => (s.input as { system: string }).system);
    expect(systems[0]).toBe(`Draft the update.\n\nResponse tone: ${toneInstruction("executive")}`);
    expect(systems[1]).toBe("Explain the update.\n\nResponse tone: Write in this tone: like a ship's captain");
  });

  it("is refused past its size, naming the field", async () => {
    const res = await create(user, {
      name: "Too long",
      graph: {
        start: "a",
        responseTone: "x".repeat(301),
        nodes: [{ id: "a", role: "r", systemPrompt: "p" }],
        edges: [{ from: "a", to: "END" }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("graph.responseTone");
  });
});
