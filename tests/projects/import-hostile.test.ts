import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { db } from "@/lib/db/client";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

const registry = "events:\n  Incident:\n    fields:\n      title: str\n";
const step = (header: string, body = "Handle it.") => `---\n${header}\n---\n${body}\n`;

let user: TestUser;
beforeAll(async () => {
  user = await makeUser("import-hostile");
});

const push = (files: ProjectFiles) =>
  call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: user.token }, { files }));

describe("project import with hostile files", () => {
  it.each([
    [
      "emits: constructor",
      step("on: Incident\noutput:\n  title: str\nemits: constructor"),
      5,
      // Push refuses an undeclared event, at its line, naming it as a name, not an inherited property.
      /emits: "constructor" is not declared in the events: section of registry\.yml; push refuses/,
    ],
    ["on: toString", step("on: toString", "Look at {{ event.title }}."), 2, /on: "toString" is not an event/],
    ["agent: constructor", step("on: Incident\nagent: constructor"), 3, /agent: "constructor" is not an agent/],
    ["{{ event.toString }}", step("on: Incident", "Look at {{ event.toString }}."), 4, /has no field "toString"/],
    [
      "an output field named constructor",
      step("on: Incident\noutput:\n  title: str\n  constructor: str\nemits: Incident"),
      6,
      /not in the event: constructor/,
    ],
  ])("names %s as an unknown name (400 with its line), not an inherited property", async (_, file, line, message) => {
    const res = await push({ "registry.yml": registry, "workflows/w/s.md": file });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: "files.workflows/w/s.md", line, message: expect.stringMatching(message) }),
    ]);
  });

  it("keeps a workflow directory named constructor as its own name", async () => {
    const res = await push({ "registry.yml": registry, "workflows/constructor/s.md": step("on: Incident") });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.workflows.map((w: { name: string }) => w.name)).toEqual(["constructor"]);
  });

  it("refuses YAML whose aliases would expand without bound (400, nothing stored)", async () => {
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...["b", "c", "d", "e"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcd"[i]}`).join(", ")}]`),
      `f: [${Array(9).fill("*e").join(", ")}]`,
    ].join("\n");
    const before = await db.eventType.count({ where: { workspaceId: user.workspaceId } });
    for (const files of [
      { "registry.yml": laughs },
      { "registry.yml": registry, "workflows/w/s.md": step(`on: Incident\n${laughs.replace(/^/gm, "x")}`) },
    ] as ProjectFiles[]) {
      const res = await push(files);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details[0].message).toMatch(/^YAML: /);
    }
    expect(await db.eventType.count({ where: { workspaceId: user.workspaceId } })).toBe(before);
  });
});
