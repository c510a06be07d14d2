import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, PHONE, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

// Seed 002's support triage; the local provider answers the classifier exactly "billing".
const triageGraph = () => ({
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
});

// Seed 001's refinement loop; the judge always asks for more, so b's third visit hits the cap.
const LOOP = {
  name: "Refinement loop",
  graph: {
    start: "a",
    nodes: [
      { id: "a", role: "drafter", systemPrompt: "Draft." },
      { id: "b", role: "editor", systemPrompt: "Edit." },
      { id: "classify", role: "judge", systemPrompt: "Reply c, d or done. [[simulate:reply:c]]" },
      { id: "c", role: "expander", systemPrompt: "Expand." },
      { id: "d", role: "trimmer", systemPrompt: "Trim." },
    ],
    edges: [
      { from: "a", to: "b" },
      { from: "b", to: "classify" },
      { from: "classify", to: "c", when: "c" },
      { from: "classify", to: "d", when: "d" },
      { from: "classify", to: "END", when: "done" },
      { from: "c", to: "b" },
      { from: "d", to: "b" },
    ],
    maxSteps: 50,
    maxVisitsPerNode: 2,
  },
};

const RESEARCH = {
  name: "Research fan-out",
  parallel: {
    branches: [
      { id: "market", role: "market researcher", systemPrompt: "Research the market." },
      { id: "tech", role: "tech researcher", systemPrompt: "Research the technology." },
    ],
    merge: { id: "writer", role: "writer", systemPrompt: "Merge the research into one brief." },
  },
};

// The reviewer's model refuses every call: the run fails at that node.
const FAILING = {
  name: "Refused review",
  graph: {
    start: "draft",
    nodes: [
      { id: "draft", role: "writer", systemPrompt: "Write it." },
      { id: "review", role: "reviewer", systemPrompt: "Review it. [[simulate:error:Model refused the review]]" },
    ],
    edges: [
      { from: "draft", to: "review" },
      { from: "review", to: "END" },
    ],
  },
};

// The reviewer takes a few seconds: long enough to watch the diagram follow the run.
const SLOW = {
  name: "Slow review",
  graph: {
    start: "draft",
    nodes: [
      { id: "draft", role: "writer", systemPrompt: "Write it." },
      { id: "review", role: "reviewer", systemPrompt: "Review it. [[simulate:slow:5000]]" },
    ],
    edges: [
      { from: "draft", to: "review" },
      { from: "review", to: "END" },
    ],
  },
};

type Method = "GET" | "POST" | "PUT";

async function api(request: APIRequestContext, slug: string, method: Method, path: string, data?: unknown) {
  const response = await request.fetch(path, { method, data, headers: { "x-workspace": slug, ...sameOrigin() } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

async function setUp(page: Page, name: string): Promise<string> {
  await open(page, "/signup");
  await signUp(page, { name, email: uniqueEmail("graphread") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

async function createWorkflow(page: Page, slug: string, body: unknown): Promise<string> {
  const created = await api(page.request, slug, "POST", "/api/v1/workflows", body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

/** Starts a run through the API, waits for it to end and opens its page. */
async function runAndOpen(page: Page, slug: string, workflowId: string, input: string) {
  const started = await api(page.request, slug, "POST", `/api/v1/workflows/${workflowId}/runs`, { input });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const id = started.body.id as string;
  await expect
    .poll(async () => (await api(page.request, slug, "GET", `/api/v1/runs/${id}`)).body.status, { timeout: 60_000 })
    .toMatch(/completed|failed/);
  await open(page, `/w/${slug}/runs/${id}`);
  return id;
}

const node = (page: Page, diagram: string, id: string) =>
  page.getByRole("region", { name: diagram }).getByRole("group", { name: new RegExp(`^Node ${id}:`) });

test.setTimeout(240_000);

test("a run's page draws its path: the route taken, a loop's visits, parallel branches and the node that failed", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await setUp(page, "Rita Reader");

  // A route: classify → billing → END; tech is never visited.
  const triage = await createWorkflow(page, slug, { name: "Support triage", graph: triageGraph() });
  await runAndOpen(page, slug, triage, "My card was charged twice.");
  const routeDiagram = "Path of this run through Support triage";
  await expect(page.getByRole("region", { name: routeDiagram })).toBeVisible();
  await expect(node(page, routeDiagram, "classify")).toHaveAttribute("aria-label", /visited once \(step 1\)/);
  await expect(node(page, routeDiagram, "billing")).toHaveAttribute("aria-label", /visited once \(step 2\)/);
  await expect(node(page, routeDiagram, "tech")).toHaveAttribute("aria-label", /not visited/);
  const routeRegion = page.getByRole("region", { name: routeDiagram });
  await expect(routeRegion.getByRole("group", { name: /classify to billing.*taken into step 2/ })).toHaveCount(1);
  await expect(routeRegion.getByRole("group", { name: /billing to END.*taken: ended the run/ })).toHaveCount(1);
  await expect(routeRegion.getByRole("group", { name: /classify to tech.*not taken/ })).toHaveCount(1);
  await expect(page.getByTestId("diagram-legend")).toContainText("not visited");
  await expect(page.getByTestId("failed-node")).toHaveCount(0);
  await screenshots(page, "graph-read-route", () => expect(routeRegion).toBeVisible());
  await expectAccessible(page, "route run with its diagram");

  // Live: the diagram follows a run in progress.
  const slow = await createWorkflow(page, slug, SLOW);
  const started = await api(page.request, slug, "POST", `/api/v1/workflows/${slow}/runs`, { input: "A note." });
  expect(started.status).toBe(202);
  await open(page, `/w/${slug}/runs/${started.body.id}`);
  const slowDiagram = "Path of this run through Slow review";
  await expect(node(page, slowDiagram, "review")).toHaveAttribute("aria-label", /running now/);
  await expect(node(page, slowDiagram, "review").getByTestId("node-badges")).toHaveText("running");
  await expect(
    page.getByRole("region", { name: slowDiagram }).getByRole("group", { name: /review to END.*not taken/ }),
  ).toHaveCount(1);
  await expect(node(page, slowDiagram, "review")).toHaveAttribute("aria-label", /visited once \(step 2\)/, {
    timeout: 30_000,
  });
  await expect(
    page.getByRole("region", { name: slowDiagram }).getByRole("group", { name: /review to END.*ended the run/ }),
  ).toHaveCount(1);

  // A loop: b visited twice, then its third visit hits maxVisitsPerNode.
  const loop = await createWorkflow(page, slug, LOOP);
  await runAndOpen(page, slug, loop, "Write a haiku.");
  const loopDiagram = "Path of this run through Refinement loop";
  await expect(page.getByTestId("path-node")).toHaveText([
    "a",
    "b",
    "classify",
    "c",
    "b (visit 2)",
    "classify (visit 2)",
    "c (visit 2)",
  ]);
  const b = node(page, loopDiagram, "b");
  await expect(b).toHaveAttribute("aria-label", /visited 2 times \(step 2, 5\)/);
  await expect(b).toHaveAttribute("aria-label", /failed here: Node "b" hit the cap maxVisitsPerNode/);
  await expect(b.getByTestId("node-badges")).toContainText("✕ failed");
  await expect(b.getByTestId("node-badges")).toContainText("×2");
  await expect(node(page, loopDiagram, "d")).toHaveAttribute("aria-label", /not visited/);
  await expect(
    page.getByRole("region", { name: loopDiagram }).getByRole("group", { name: /b to classify.*taken into step 3, 6/ }),
  ).toHaveCount(1);
  await expect(page.getByTestId("failed-node")).toContainText(
    'Failed at node b: Node "b" hit the cap maxVisitsPerNode (2',
  );

  // Keyboard: focus the node, Enter lists its visits; a visit leads to its step card.
  await b.focus();
  await page.keyboard.press("Enter");
  const visits = page.getByTestId("node-visits");
  await expect(visits.getByRole("heading")).toContainText("b · editor · 2 visits");
  await expect(visits.getByTestId("node-visits-error")).toContainText("hit the cap maxVisitsPerNode");
  await expect(page.locator("[data-testid=step-card][data-chosen]")).toHaveCount(2);
  await visits.getByRole("button", { name: /Step 5 · visit 2/ }).click();
  const fifth = page.getByTestId("step-card").nth(4);
  await expect(fifth).toBeFocused();
  await expect(fifth).toBeInViewport();
  await expect(fifth.getByTestId("step-node")).toHaveText("b");
  // The path's buttons choose a node too.
  await page.getByRole("button", { name: "classify (visit 2)" }).click();
  await expect(visits.getByRole("heading")).toContainText("classify · judge · 2 visits");
  await screenshots(page, "graph-read-loop", () =>
    expect(page.getByRole("region", { name: loopDiagram })).toBeVisible(),
  );
  await expectAccessible(page, "failed loop run with a node chosen");

  // Parallel branches: both marked as such, the join reached from each.
  const research = await createWorkflow(page, slug, RESEARCH);
  await runAndOpen(page, slug, research, "Should we launch in Germany?");
  const parallelDiagram = "Path of this run through Research fan-out";
  for (const id of ["market", "tech"]) {
    await expect(node(page, parallelDiagram, id)).toHaveAttribute("aria-label", /ran in a parallel branch/);
    await expect(node(page, parallelDiagram, id).getByTestId("node-badges")).toContainText("∥ parallel");
  }
  await expect(node(page, parallelDiagram, "writer")).not.toHaveAttribute("aria-label", /parallel/);
  const parallelRegion = page.getByRole("region", { name: parallelDiagram });
  await expect(parallelRegion.getByRole("group", { name: /^(market|tech) to writer.*taken into step 4/ })).toHaveCount(
    2,
  );
  await expectAccessible(page, "parallel run with its diagram");

  // A step that fails: its node is marked, and clicking it says why.
  const failing = await createWorkflow(page, slug, FAILING);
  await runAndOpen(page, slug, failing, "Draft a launch note.");
  const failDiagram = "Path of this run through Refused review";
  await expect(page.getByTestId("failed-node")).toContainText("Failed at node review");
  await expect(page.getByTestId("failed-node")).toContainText("Model refused the review");
  await node(page, failDiagram, "review").click();
  await expect(page.getByTestId("node-visits-error")).toContainText("Model refused the review");
  await expect(page.locator("[data-testid=step-card][data-chosen]")).toHaveAttribute("data-status", "failed");
  await screenshots(page, "graph-read-failed", () =>
    expect(page.getByRole("region", { name: failDiagram })).toBeVisible(),
  );

  // Phone width: the diagram, legend and path fit; nothing scrolls sideways.
  await page.setViewportSize(PHONE);
  await expect(page.getByRole("region", { name: failDiagram })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, "failed run at phone width");
  await context.close();
});

test("version history compares two graph versions, on a list and a diagram, and restores one", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await setUp(page, "Vera Versions");
  // billing is placed in version 1, so its new place in version 2 is a move (a first place is not).
  const v1 = {
    ...triageGraph(),
    nodes: triageGraph().nodes.map((n) => (n.id === "billing" ? { ...n, position: { x: 0, y: 0 } } : n)),
  };
  const id = await createWorkflow(page, slug, { name: "Support triage", graph: v1 });
  const v2 = {
    ...v1,
    maxSteps: 20,
    nodes: [
      { ...v1.nodes[0]!, systemPrompt: "Reply 'billing', 'tech' or 'other'. [[simulate:reply:billing]]" },
      { ...v1.nodes[1]!, position: { x: 10, y: 10 } },
      v1.nodes[2]!,
      { id: "reviewer", role: "reviewer", systemPrompt: "Review the answer." },
    ],
    edges: [
      { from: "classify", to: "billing", when: "billing" },
      { from: "classify", to: "tech", when: "technical" },
      { from: "billing", to: "reviewer" },
      { from: "reviewer", to: "END" },
      { from: "tech", to: "END" },
    ],
  };
  const put = await api(page.request, slug, "PUT", `/api/v1/workflows/${id}/graph`, {
    graph: v2,
    note: "Review billing",
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);

  await open(page, `/w/${slug}/workflows/${id}`);
  const changes = page.getByTestId("graph-diff-list");
  await expect(page.getByRole("heading", { name: "Compare versions" })).toBeVisible();
  await expect(page.getByLabel("Older", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Newer", { exact: true })).toHaveValue("2");
  await expect(changes).toContainText("Node reviewer (reviewer) added");
  await expect(changes).toContainText("Node classify: prompt changed");
  await expect(changes).toContainText("Edge billing → reviewer added");
  await expect(changes).toContainText("Edge billing → END removed");
  await expect(changes).toContainText("Edge classify → tech: when “tech” → “technical”");
  await expect(changes).toContainText("maxSteps: 50 → 20");
  await expect(changes).toContainText("Moved only: billing");
  const diffDiagram = "Changes from version 1 to version 2";
  await expect(node(page, diffDiagram, "reviewer")).toHaveAttribute("aria-label", /added/);
  await expect(node(page, diffDiagram, "classify")).toHaveAttribute("aria-label", /changed: prompt/);
  await expect(node(page, diffDiagram, "classify").getByTestId("node-badges")).toHaveText("~ prompt");
  await expect(node(page, diffDiagram, "billing")).toHaveAttribute("aria-label", /moved only/);
  await expect(
    page.getByRole("region", { name: diffDiagram }).getByRole("group", { name: /billing to END.*removed/ }),
  ).toHaveCount(1);
  await expect(page.getByTestId("diagram-legend").last()).toContainText("removed (struck through)");
  await screenshots(page, "graph-read-version-diff", () =>
    expect(page.getByRole("region", { name: diffDiagram })).toBeVisible(),
  );
  await expectAccessible(page, "version history with a graph diff");

  // Pick any two: the same version twice has no changes.
  await page.getByLabel("Newer", { exact: true }).selectOption("1");
  await expect(changes).toHaveText("No changes.");

  // Restore version 1, after a confirmation: it becomes version 3.
  await page.getByRole("button", { name: "Restore version 1" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore version" }).click();
  await expect(page.getByText("Restored version 1 as version 3.")).toBeVisible();
  await expect(page.getByTestId("version-item")).toHaveCount(3);
  await expect(page.getByLabel("Newer", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("Older", { exact: true })).toHaveValue("2");
  await expect(changes).toContainText("Node reviewer (reviewer) removed");
  // Each version's "Changes" compares it with the one before it.
  await page.getByRole("button", { name: "Changes in version 2" }).click();
  await expect(page.getByLabel("Older", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Newer", { exact: true })).toHaveValue("2");

  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, "version history at phone width");
  await context.close();
});

test("a reflection that patched a graph shows the graph diff and rolls back after a confirmation", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await setUp(page, "Remy Reflect");
  const workflowId = await createWorkflow(page, slug, { name: "Support triage", graph: triageGraph() });
  const agent = await api(page.request, slug, "POST", "/api/v1/agents", {
    name: "Triage keeper",
    role: "Support lead",
    description: "Keeps the triage honest",
    goal: "Every ticket gets a reviewed answer. [[reflect:modify]]",
    workflowIds: [workflowId],
    model: "claude-sonnet-4-6",
    capabilities: ["api", "ai"],
    schedule: { type: "manual" },
  });
  expect(agent.status, JSON.stringify(agent.body)).toBe(201);
  expect((await api(page.request, slug, "POST", `/api/v1/agents/${agent.body.id}/start`)).status).toBeLessThan(300);

  await open(page, `/w/${slug}/agents/${agent.body.id}`);
  const reflection = page.getByTestId("reflection").first();
  await expect(reflection).toBeVisible({ timeout: 90_000 });
  await expect(reflection.getByTestId("crew-diff")).toHaveCount(0);
  await expect(reflection.getByTestId("graph-diff-list")).toContainText("Node reviewer (reviewer) added");
  const label = "Graph changed by this reflection: version 1 to version 2";
  await expect(node(page, label, "reviewer")).toHaveAttribute("aria-label", /added/);
  await screenshots(page, "graph-read-reflection", () =>
    expect(page.getByRole("region", { name: label })).toBeVisible(),
  );
  await expectAccessible(page, "agent with a graph reflection");

  await reflection.getByRole("button", { name: "Roll back to version 1" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Version 1 becomes current again as a new version");
  await dialog.getByRole("button", { name: "Roll back", exact: true }).click();
  await expect(page.getByText("Restored version 1 as version 3.")).toBeVisible();
  const current = await api(page.request, slug, "GET", `/api/v1/workflows/${workflowId}`);
  expect(current.body.currentVersion).toBe(3);
  expect(current.body.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["classify", "billing", "tech"]);
  await context.close();
});

test("a cron-triggered graph's page fits 1280 px, its next run and recent runs included", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await setUp(page, "Una Upkeep");
  const id = await createWorkflow(page, slug, {
    name: "upkeep",
    graph: { ...triageGraph(), trigger: { cron: "0 */6 * * *", timezone: "America/Argentina/Buenos_Aires" } },
  });
  await runAndOpen(page, slug, id, "Nightly upkeep of the incident queue");
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, `/w/${slug}/workflows/${id}`);
  await expect(page.getByTestId("next-trigger")).toContainText("America/Argentina/Buenos_Aires");
  await expect(page.getByRole("link", { name: /Nightly upkeep/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await context.close();
});
