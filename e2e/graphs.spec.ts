import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, PHONE, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

// Seed 002's support triage; the local provider answers the classifier exactly "billing".
const TRIAGE = {
  name: "Support triage",
  model: "claude-sonnet-4-6",
  graph: {
    start: "classify",
    nodes: [
      {
        id: "classify",
        role: "classifier",
        systemPrompt: "Reply 'billing' or 'tech'. [[simulate:reply:billing]]",
        model: "claude-haiku-4-5",
      },
      { id: "billing", role: "billing agent", systemPrompt: "Handle billing." },
      { id: "tech", role: "tech agent", systemPrompt: "Handle tech." },
    ],
    edges: [
      { from: "classify", to: "billing", when: "billing" },
      { from: "classify", to: "tech", when: "tech" },
      { from: "billing", to: "END" },
      { from: "tech", to: "END" },
    ],
    maxSteps: 50,
    maxVisitsPerNode: 5,
  },
};

// Three researchers fanned out in parallel, merged by one writer (the `parallel` sugar).
const RESEARCH = {
  name: "Research fan-out",
  parallel: {
    branches: [
      { id: "market", role: "market researcher", systemPrompt: "Research the market." },
      { id: "tech", role: "tech researcher", systemPrompt: "Research the technology." },
      { id: "legal", role: "legal researcher", systemPrompt: "Research the legal risks." },
    ],
    merge: { id: "writer", role: "writer", systemPrompt: "Merge the research into one brief." },
  },
};

async function api(request: APIRequestContext, slug: string, method: "GET" | "POST", path: string, data?: unknown) {
  const response = await request.fetch(path, { method, data, headers: { "x-workspace": slug, ...sameOrigin() } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

async function startRun(page: Page, input: string): Promise<void> {
  await page.getByLabel("Input", { exact: true }).fill(input);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByRole("definition").filter({ hasText: "Completed" })).toBeVisible({ timeout: 60_000 });
}

test.setTimeout(240_000);

test("the seed 002 triage: its diagram, a run on the billing path, and a parallel fan-out in lanes", async ({
  browser,
}) => {
  const context = await newContext(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Greta Graph", email: uniqueEmail("graph") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  const created = await api(page.request, slug, "POST", "/api/v1/workflows", TRIAGE);
  expect(created.status).toBe(201);
  expect(created.body.kind).toBe("graph");

  // The workflow page draws the graph instead of the crew builder, with the nodes listed beside it.
  await open(page, `/w/${slug}/workflows/${created.body.id}`);
  const diagram = page.getByRole("region", { name: "Diagram of Support triage" });
  await expect(diagram).toBeVisible();
  for (const id of ["classify", "billing", "tech"]) {
    await expect(diagram.getByRole("group", { name: new RegExp(`^Node ${id}:`) })).toBeVisible();
  }
  await expect(diagram.getByText("END", { exact: true })).toBeVisible();
  await expect(diagram.getByText("“billing”")).toBeVisible();
  await expect(diagram.getByText("claude-haiku-4-5")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save crew" })).toHaveCount(0);
  await expect(page.getByTestId("graph-node")).toHaveCount(3);
  await expect(page.getByTestId("graph-edit-note")).toContainText(`PUT /api/v1/workflows/${created.body.id}/graph`);
  await expect(page.getByTestId("version-item").first()).toContainText("Graph · 3 nodes");

  // Copy Mermaid: the source comes from the diagram endpoint.
  const fetched = page.waitForResponse((r) => r.url().includes("/diagram?format=mermaid"));
  await page.getByRole("button", { name: "Copy Mermaid" }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page.getByText("Copied the Mermaid source.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("classify");

  // The diagram is keyboard reachable: tab into it reaches a node.
  await diagram.getByRole("group", { name: /^Node classify:/ }).focus();
  await expect(diagram.getByRole("group", { name: /^Node classify:/ })).toBeFocused();

  await screenshots(page, "graph-workflow", () => expect(diagram).toBeVisible());
  await expectAccessible(page, "graph workflow page");

  // Run it: the path reads classify → billing, and the router's step says where it went.
  await startRun(page, "My card was charged twice.");
  await expect(page.getByTestId("path-node")).toHaveText(["classify", "billing"]);
  await expect(page.getByTestId("step-node")).toHaveText(["classify", "billing"]);
  await expect(page.getByTestId("step-card").first().getByTestId("step-next")).toHaveText("Went to billing");
  await expect(page.getByTestId("step-card").first().getByTestId("step-output")).toHaveText("billing");
  const runId = new URL(page.url()).pathname.split("/").pop()!;
  const run = await api(page.request, slug, "GET", `/api/v1/runs/${runId}`);
  expect(run.body.visited).toEqual(["classify", "billing"]);
  await screenshots(page, "graph-run", () => expect(page.getByTestId("run-path")).toBeVisible());
  await expectAccessible(page, "graph run transcript");

  // A parallel workflow: three lanes side by side at laptop width, stacked at phone width.
  const research = await api(page.request, slug, "POST", "/api/v1/workflows", RESEARCH);
  expect(research.status).toBe(201);
  await open(page, `/w/${slug}/workflows/${research.body.id}`);
  await expect(page.getByRole("region", { name: "Diagram of Research fan-out" })).toBeVisible();
  // Only the merge node waits for every branch.
  const joins = page.getByTestId("graph-node").filter({ hasText: "Join: waits for all branches" });
  await expect(joins).toHaveCount(1);
  await expect(joins).toContainText("writer");
  await startRun(page, "Should we launch a payments product in Germany?");
  const lanes = page.getByTestId("lane");
  await expect(lanes).toHaveCount(3);
  await expect(page.getByRole("region", { name: "Parallel branches: market, tech, legal" })).toBeVisible();
  await expect(lanes.nth(1).getByTestId("step-node")).toHaveText(["tech"]);
  // The parallel sugar's dispatcher (fan-out) runs first and says where it fanned out to.
  await expect(page.getByTestId("step-node").first()).toHaveText("fan-out");
  await expect(page.getByTestId("step-card").first().getByTestId("step-next")).toHaveText(
    "Fanned out to market, tech, legal",
  );
  // Parallel branches enter the path in the order they started.
  await expect(page.getByTestId("path-node")).toHaveCount(5);
  const path = await page.getByTestId("path-node").allTextContents();
  expect([path[0], [...path.slice(1, 4)].sort(), path[4]]).toEqual(["fan-out", ["legal", "market", "tech"], "writer"]);
  await expect(page.getByTestId("step-node").last()).toHaveText("writer");
  const boxes = await Promise.all([0, 1, 2].map(async (i) => (await lanes.nth(i).boundingBox())!));
  expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
  await expectAccessible(page, "parallel run transcript");
  await screenshots(page, "graph-run-parallel", () => expect(lanes).toHaveCount(3));

  await page.setViewportSize(PHONE);
  const stacked = await Promise.all([0, 1, 2].map(async (i) => (await lanes.nth(i).boundingBox())!));
  expect(stacked[1]!.y).toBeGreaterThan(stacked[0]!.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, "parallel run transcript at phone width");
  await context.close();
});

test("a crew workflow keeps its builder, with its chain as a diagram behind a disclosure", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Carl Crew", email: uniqueEmail("crewdiagram") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const created = await api(page.request, slug, "POST", "/api/v1/workflows", { name: "Pair" });
  expect(created.body.kind).toBe("crew");
  await open(page, `/w/${slug}/workflows/${created.body.id}`);
  await expect(page.getByRole("button", { name: "Save crew" })).toBeVisible();
  const diagram = page.getByRole("region", { name: "Diagram of Pair" });
  await expect(diagram).toHaveCount(0);
  await page.getByText("Diagram", { exact: true }).click();
  await expect(diagram).toBeVisible();
  await expect(diagram.getByRole("group", { name: /^Node agent-1:/ })).toBeVisible();
  await expectAccessible(page, "crew workflow with its diagram open");

  // Its runs look as they always did: no path, no node ids.
  await startRun(page, "Plan a launch.");
  await expect(page.getByTestId("step-card")).toHaveCount(2);
  await expect(page.getByTestId("run-path")).toHaveCount(0);
  await expect(page.getByTestId("step-node")).toHaveCount(0);
  await context.close();
});
