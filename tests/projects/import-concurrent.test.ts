import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { db } from "@/lib/db/client";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser } from "../support/factory";

const files: ProjectFiles = {
  "registry.yml":
    "defaults:\n  agent:\n    model: claude-sonnet-4-6\nevents:\n  RaceEvent:\n    fields:\n      title: str\n",
  "workflows/race/look.md": "---\non: RaceEvent\n---\nLook at {{ event.title }}.\n",
};

describe("concurrent pushes of one new project", () => {
  it("create it once: one workflow, one event type, the others unchanged, no 5xx", async () => {
    const user = await makeUser("import-race");
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: user.token }, { files })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const statuses = answers.map((a) => (a.body.workflows as { status: string }[])[0]!.status).sort();
    expect(statuses).toEqual(["created", ...Array(7).fill("unchanged")]);
    expect(await db.workflow.count({ where: { workspaceId: user.workspaceId, name: "race" } })).toBe(1);
    expect(await db.eventType.count({ where: { workspaceId: user.workspaceId, name: "RaceEvent" } })).toBe(1);
    const workflow = await db.workflow.findFirstOrThrow({ where: { workspaceId: user.workspaceId } });
    expect(workflow.currentVersion).toBe(1);
  });
});
