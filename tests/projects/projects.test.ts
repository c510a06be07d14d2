import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createEventType } from "@/app/api/v1/event-types/route";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { POST as restoreRoute } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { GET as exportRoute } from "@/app/api/v1/projects/export/route";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { db } from "@/lib/db/client";
import { compileProject } from "@/lib/projects/compile-project";
import { readProjectDir } from "@/lib/projects/project-dir";
import { exportResultSchema, importResultSchema, MAX_PROJECT_FILES } from "@/lib/projects/schemas";
import type { ProjectFiles } from "@/lib/projects/types";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/ai-sre");
let example: ProjectFiles;

beforeAll(async () => {
  example = await readProjectDir(EXAMPLE);
});

const push = (u: TestUser, files: ProjectFiles) =>
  call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: u.token }, { files }));
const pull = (u: TestUser) => call(exportRoute, apiRequest("GET", "/api/v1/projects/export", { token: u.token }));

async function versionsOf(workspaceId: string) {
  const rows = await db.workflow.findMany({ where: { workspaceId }, select: { name: true, currentVersion: true } });
  return Object.fromEntries(rows.map((r) => [r.name, r.currentVersion]));
}

describe("project import and export", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await makeUser("projects");
  });

  it("imports the AI SRE example: its event types and one graph workflow per directory", async () => {
    const res = await push(user, example);
    expect(res.status).toBe(200);
    importResultSchema.parse(res.body);
    expect(res.body.stats).toEqual({ workflows: 4, steps: 7, events: 4 });
    expect(
      res.body.workflows.map((w: { name: string; status: string; version: number }) => [w.name, w.status, w.version]),
    ).toEqual([
      ["confirm", "created", 1],
      ["resolve", "created", 1],
      ["triage", "created", 1],
      ["upkeep", "created", 1],
    ]);
    expect(res.body.events.map((e: { status: string }) => e.status)).toEqual([
      "created",
      "created",
      "created",
      "created",
    ]);
    const incident = await db.eventType.findFirst({ where: { workspaceId: user.workspaceId, name: "Incident" } });
    expect(incident?.fields).toEqual({
      source: "enum[sentry, linear, datadog]",
      issue_id: "id",
      title: "str",
      link: "url",
    });
    const resolve = await db.workflow.findFirst({
      where: { workspaceId: user.workspaceId, name: "resolve" },
      include: { versions: true },
    });
    expect(resolve?.description).toBe("Take a WorkItem to done — decide the goal, fix, review, ship.");
    const graph = storedGraph(resolve!.versions[0]!.graph)!;
    expect(graph.trigger).toEqual({ event: "WorkItem" });
    expect(graph.nodes.map((n) => n.id)).toEqual(["arbitrate", "fix", "review", "ship"]);
    expect(graph.nodes[3]!.emits).toBe("GoalShipped");

    // upkeep's cron is armed for its next slot, as a workflow saved through the API is; the others have none.
    const armed = await db.workflow.findMany({
      where: { workspaceId: user.workspaceId },
      select: { name: true, nextTriggerAt: true },
      orderBy: { name: "asc" },
    });
    const next = armed.find((w) => w.name === "upkeep")!.nextTriggerAt!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.toISOString()).toMatch(/T03:00:00\.000Z$/);
    expect(armed.filter((w) => w.nextTriggerAt).map((w) => w.name)).toEqual(["upkeep"]);
  });

  it("exports the same files byte for byte", async () => {
    const res = await pull(user);
    expect(res.status).toBe(200);
    exportResultSchema.parse(res.body);
    expect(res.body.files).toEqual(example);
    expect(Object.keys(res.body.files)).toEqual(Object.keys(example).sort());
  });

  it("pushing the same files again creates no version", async () => {
    const before = await versionsOf(user.workspaceId);
    const count = await db.workflowVersion.count({ where: { workspaceId: user.workspaceId } });
    const res = await push(user, example);
    expect(res.status).toBe(200);
    expect(res.body.workflows.every((w: { status: string }) => w.status === "unchanged")).toBe(true);
    expect(res.body.events.every((e: { status: string }) => e.status === "unchanged")).toBe(true);
    expect(await versionsOf(user.workspaceId)).toEqual(before);
    expect(await db.workflowVersion.count({ where: { workspaceId: user.workspaceId } })).toBe(count);
  });

  it("changing one step makes one version of one workflow", async () => {
    const changed = { ...example };
    changed["workflows/resolve/fix.md"] = changed["workflows/resolve/fix.md"]!.replace(
      "Open a pull request",
      "Open a small pull request",
    );
    const res = await push(user, changed);
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(
      res.body.workflows.map((w: { name: string; status: string }) => [w.name, w.status]),
    );
    expect(statuses).toEqual({ confirm: "unchanged", resolve: "updated", triage: "unchanged", upkeep: "unchanged" });
    expect(await versionsOf(user.workspaceId)).toEqual({ confirm: 1, resolve: 2, triage: 1, upkeep: 1 });
    const version = await db.workflowVersion.findFirst({
      where: { workspaceId: user.workspaceId, version: 2 },
      select: { graph: true, files: true },
    });
    expect(storedGraph(version!.graph)!.nodes[1]!.systemPrompt).toContain("Open a small pull request");
    expect((version!.files as ProjectFiles)["workflows/resolve/fix.md"]).toBe(changed["workflows/resolve/fix.md"]);
    expect((await pull(user)).body.files).toEqual(changed);
  });

  it("a comment-only change keeps the graph but versions the files", async () => {
    const start = (await pull(user)).body.files as ProjectFiles;
    const changed = {
      ...start,
      "workflows/triage/investigate.md": start["workflows/triage/investigate.md"]!.replace(
        "on: Incident",
        "on: Incident # from the sensors",
      ),
    };
    const res = await push(user, changed);
    const triage = res.body.workflows.find((w: { name: string }) => w.name === "triage");
    expect(triage).toMatchObject({ status: "updated", version: 2 });
    expect((await pull(user)).body.files).toEqual(changed);
  });
});

describe("a workflow edited in the dashboard", () => {
  it("exports through the formatter, and the files compile to the edited graph", async () => {
    const user = await makeUser("projects-edit");
    await push(user, example);
    const triage = await db.workflow.findFirstOrThrow({
      where: { workspaceId: user.workspaceId, name: "triage" },
      include: { versions: true },
    });
    const graph = storedGraph(triage.versions[0]!.graph)!;
    graph.nodes[0]!.systemPrompt = "Investigate {{ event.title }} and hand off a WorkItem.";
    graph.nodes[0]!.position = { x: 10, y: 20 };
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${triage.id}/graph`, { token: user.token }, { graph }),
      { id: triage.id },
    );
    expect(put.status).toBe(200);

    const files = (await pull(user)).body.files as ProjectFiles;
    expect(files["workflows/triage/investigate.md"]).not.toBe(example["workflows/triage/investigate.md"]);
    expect(files["workflows/triage/investigate.md"]).toContain(
      "Investigate {{ event.title }} and hand off a WorkItem.",
    );
    expect(files["workflows/resolve/fix.md"]).toBe(example["workflows/resolve/fix.md"]);
    const compiled = compileProject(files);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const { position: _p, ...node } = graph.nodes[0]!;
    expect(compiled.project.workflows.find((w) => w.name === "triage")!.graph.nodes[0]).toEqual(node);

    // Pushing the export back changes nothing the dashboard holds, and keeps the layout.
    const again = await push(user, files);
    expect(again.status).toBe(200);
    const after = await db.workflowVersion.findFirstOrThrow({
      where: { workflowId: triage.id },
      orderBy: { version: "desc" },
    });
    expect(storedGraph(after.graph)!.nodes[0]!.position).toEqual({ x: 10, y: 20 });
    expect(storedGraph(after.graph)!.nodes[0]!.systemPrompt).toBe(node.systemPrompt);
  });

  it("restoring the imported version exports its files byte for byte again", async () => {
    const user = await makeUser("projects-restore");
    await push(user, example);
    const triage = await db.workflow.findFirstOrThrow({
      where: { workspaceId: user.workspaceId, name: "triage" },
      include: { versions: true },
    });
    const graph = storedGraph(triage.versions[0]!.graph)!;
    graph.nodes[0]!.systemPrompt = "Investigate {{ event.title }} quickly.";
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${triage.id}/graph`, { token: user.token }, { graph }),
      { id: triage.id },
    );
    expect(put.status).toBe(200);
    const restored = await call(
      restoreRoute,
      apiRequest("POST", `/api/v1/workflows/${triage.id}/versions/1/restore`, { token: user.token }),
      { id: triage.id, version: "1" },
    );
    expect(restored.status).toBe(201);
    const files = (await pull(user)).body.files as ProjectFiles;
    expect(files["workflows/triage/investigate.md"]).toBe(example["workflows/triage/investigate.md"]);
  });

  it("an event type created through the API joins the registry as written; every other line stays", async () => {
    const user = await makeUser("projects-event-type");
    await push(user, example);
    const created = await call(
      createEventType,
      apiRequest("POST", "/api/v1/event-types", { token: user.token }, { name: "Deploy", fields: { sha: "str" } }),
    );
    expect(created.status).toBe(201);
    const files = (await pull(user)).body.files as ProjectFiles;
    const { "registry.yml": registry, ...steps } = files;
    const { "registry.yml": original, ...originalSteps } = example;
    expect(steps).toEqual(originalSteps);
    expect(registry).toBe(
      original!.replace("      dashboard: url\n", "      dashboard: url\n  Deploy:\n    fields:\n      sha: str\n"),
    );
    expect((await push(user, files)).body.events).toContainEqual({ name: "Deploy", status: "unchanged" });
  });

  it("exports a graph workflow made in the dashboard as files that compile back to it", async () => {
    const user = await makeUser("projects-dashboard");
    const created = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: user.token },
        {
          name: "Support Desk",
          model: "claude-haiku-4-5",
          route: {
            classifier: { role: "classifier", systemPrompt: "Answer billing or tech: {{ input }}" },
            branches: {
              billing: { role: "billing", systemPrompt: "Answer the billing question." },
              tech: { role: "tech", systemPrompt: "Answer the tech question." },
            },
          },
        },
      ),
    );
    expect(created.status).toBe(201);
    const files = (await pull(user)).body.files as ProjectFiles;
    expect(Object.keys(files)).toContain("workflows/support-desk/classify.md");
    expect(files["registry.yml"]).toContain("name: Support Desk");
    const res = await push(user, files);
    expect(res.status).toBe(200);
    expect(res.body.workflows).toEqual([expect.objectContaining({ name: "Support Desk", status: "updated" })]);
    // The import stored the files, so the version it made exports verbatim and a second push is a no-op.
    expect((await pull(user)).body.files).toEqual(files);
    expect((await push(user, files)).body.workflows[0].status).toBe("unchanged");
  });
});

describe("import refuses", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await makeUser("projects-refuse");
  });

  it("a project that does not compile: 400 listing each error's file and line, nothing saved", async () => {
    const files = { ...example };
    files["workflows/resolve/fix.md"] = files["workflows/resolve/fix.md"]!.replace("agent: Fixer", "agent: Fixr");
    files["registry.yml"] = files["registry.yml"]!.replace("provider: daytona", "provider: e2b");
    const providerLine = files["registry.yml"].split("\n").findIndex((l) => l.includes("provider: e2b")) + 1;
    const res = await push(user, files);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.message).toMatch(
      /^The project does not compile: registry\.yml:\d+: sandboxes\.default\.provider: daytona is the sandbox provider supported/,
    );
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: "files.registry.yml", file: "registry.yml", line: providerLine }),
      expect.objectContaining({
        field: "files.workflows/resolve/fix.md",
        file: "workflows/resolve/fix.md",
        line: 3,
        message: expect.stringContaining('agent: "Fixr" is not an agent'),
      }),
      // The step that names the sandbox, which is not declared now.
      expect.objectContaining({
        file: "workflows/upkeep/scan-deps.md",
        message: expect.stringMatching(/^sandbox: "default"/),
      }),
    ]);
    expect(await db.workflow.count({ where: { workspaceId: user.workspaceId } })).toBe(0);
    expect(await db.eventType.count({ where: { workspaceId: user.workspaceId } })).toBe(0);
  });

  it("what the API refuses at save time, at the file and line", async () => {
    const files = { ...example };
    files["workflows/resolve/fix.md"] = files["workflows/resolve/fix.md"]!.replace(
      "agent: Fixer",
      "agent: Fixer\ntools: [mcp:nowhere]",
    );
    const res = await push(user, files);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ file: "workflows/resolve/fix.md", line: 4 });
  });

  it("changing the fields of an event type that workflows outside the project use", async () => {
    const owner = await makeUser("projects-fields");
    expect((await push(owner, example)).status).toBe(200);
    const registry = example["registry.yml"]!.split("\nworkflows:")[0]!.replace(
      "      proposed_goal: str\n",
      "      proposed_goal: str\n      owner: str\n",
    );
    const skills = Object.fromEntries(Object.entries(example).filter(([p]) => p.startsWith("skills/")));
    const res = await push(owner, {
      ...skills,
      "registry.yml": registry,
      "workflows/other/only.md": "---\nrole: Other\n---\n\nDo it.\n",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        file: "registry.yml",
        line: registry.split("\n").indexOf("  WorkItem:") + 1,
        message: expect.stringMatching(
          /^events\.WorkItem: its fields cannot change while "resolve", "triage", "upkeep"/,
        ),
      }),
    ]);
    const workItem = await db.eventType.findFirstOrThrow({
      where: { workspaceId: owner.workspaceId, name: "WorkItem" },
    });
    expect(Object.keys(workItem.fields as object)).not.toContain("owner");
  });

  it("too many files, naming files", async () => {
    const files: ProjectFiles = {};
    for (let i = 0; i <= MAX_PROJECT_FILES; i++) files[`workflows/w/s${i}.md`] = "x";
    const res = await push(user, files);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("files");
  });

  it("a path that climbs out of the project", async () => {
    const res = await push(user, { "../registry.yml": "" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toMatch(/^files/);
  });

  it("without a token", async () => {
    const res = await call(importRoute, apiRequest("POST", "/api/v1/projects/import", null, { files: example }));
    expect(res.status).toBe(401);
  });
});

describe("another workspace", () => {
  it("sees none of A's workflows in its export, and its import leaves A untouched", async () => {
    const a = await makeUser("projects-a");
    const b = await makeUser("projects-b");
    await push(a, example);
    const aVersions = await versionsOf(a.workspaceId);
    const aEvents = await db.eventType.findMany({ where: { workspaceId: a.workspaceId }, orderBy: { name: "asc" } });

    const empty = await pull(b);
    expect(empty.status).toBe(200);
    expect(Object.keys(empty.body.files)).toEqual(["registry.yml"]);

    const changed = {
      ...example,
      "registry.yml": example["registry.yml"]!.replace("metric: str", "metric: str\n      owner: str"),
      // The polling sensor that emits it maps every field.
      "sensors/latency.yml": example["sensors/latency.yml"]!.replace("metric: p95_ms", "metric: p95_ms\n  owner: sre"),
    };
    const res = await push(b, changed);
    expect(res.status).toBe(200);
    expect(res.body.workflows.every((w: { status: string }) => w.status === "created")).toBe(true);
    expect(res.body.workflows.map((w: { id: string }) => w.id)).not.toEqual(
      expect.arrayContaining(Object.keys(aVersions)),
    );
    expect(await versionsOf(a.workspaceId)).toEqual(aVersions);
    expect(await db.eventType.findMany({ where: { workspaceId: a.workspaceId }, orderBy: { name: "asc" } })).toEqual(
      aEvents,
    );
    expect((await pull(a)).body.files).toEqual(example);
    expect((await pull(b)).body.files).toEqual(changed);
  });
});
