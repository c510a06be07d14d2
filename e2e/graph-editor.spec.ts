import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, PHONE, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

async function api(request: APIRequestContext, slug: string, method: "GET" | "POST", path: string, data?: unknown) {
  const response = await request.fetch(path, { method, data, headers: { "x-workspace": slug, ...sameOrigin() } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

async function newAccount(page: Page, name: string): Promise<string> {
  await open(page, "/signup");
  await signUp(page, { name, email: uniqueEmail("editor") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** Creates a workflow from a template in the dialog; the editor opens on the new workflow. */
async function createFromTemplate(page: Page, slug: string, name: string, template: string): Promise<string> {
  await open(page, `/w/${slug}/workflows`);
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workflow" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: new RegExp(`^${template}`) }).check();
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/?]+\?edit=graph$/);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

const canvas = (page: Page) => page.getByTestId("graph-canvas");
const canvasNode = (page: Page, id: string): Locator =>
  canvas(page).getByRole("group", { name: new RegExp(`^Node ${id}:`) });

async function selectNode(page: Page, id: string): Promise<void> {
  await canvasNode(page, id).click();
  await expect(
    page.getByRole("region", { name: "Inspector" }).getByRole("heading", { name: `Node ${id}` }),
  ).toBeVisible();
}

const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });

async function save(page: Page, note: string): Promise<void> {
  await page.getByLabel("Note").fill(note);
  await page.getByRole("button", { name: "Save graph" }).click();
  await expect(page.getByText(/^Saved as version \d+\.$/)).toBeVisible();
}

/** Starts a run from the workflow page and waits for it on the run page; returns the visited node ids. */
async function runAndReadPath(page: Page, slug: string, input: string): Promise<string[]> {
  await page.getByLabel("Input", { exact: true }).fill(input);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByRole("definition").filter({ hasText: "Completed" })).toBeVisible({ timeout: 60_000 });
  const runId = new URL(page.url()).pathname.split("/").pop()!;
  const run = await api(page.request, slug, "GET", `/api/v1/runs/${runId}`);
  // The path reads in the transcript's step order (parallel branches in the order they ran).
  const steps = [...(run.body.steps as { index: number; nodeId: string }[])].sort((a, b) => a.index - b.index);
  await expect(page.getByTestId("path-node")).toHaveText(steps.map((s) => s.nodeId));
  return run.body.visited;
}

test.setTimeout(300_000);

test("each template is built in the browser, saved as a new version, run, and its path read", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await newAccount(page, "Tess Template");

  // Chain: planner → writer. Rename the writer's role and save.
  const chain = await createFromTemplate(page, slug, "Chain graph", "Chain");
  await expect(canvasNode(page, "planner")).toBeVisible();
  await expect(canvasNode(page, "writer")).toBeVisible();
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await selectNode(page, "writer");
  await inspector(page).getByLabel("Role").fill("final writer");
  await expect(page.getByText("Unsaved changes", { exact: true })).toBeVisible();
  await save(page, "A clearer role");
  const graph = (await api(page.request, slug, "GET", `/api/v1/workflows/${chain}/graph`)).body.graph;
  expect(graph.nodes[1].role).toBe("final writer");
  // Positions are kept with the version.
  expect(graph.nodes[0].position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  await screenshots(page, "graph-editor-chain", () => expect(page.getByTestId("graph-editor")).toBeVisible());
  await expectAccessible(page, "graph editor");
  expect(await runAndReadPath(page, slug, "Plan a launch party.")).toEqual(["planner", "writer"]);

  // Route: steer the classifier to "tech" from its prompt.
  const route = await createFromTemplate(page, slug, "Route graph", "Route");
  await selectNode(page, "classify");
  const prompt = inspector(page).getByLabel("System prompt");
  await prompt.fill(`${await prompt.inputValue()} [[simulate:reply:tech]]`);
  // Conditions are labelled on the edges.
  await expect(canvas(page).getByText("“billing”")).toBeVisible();
  await save(page, "Always tech in tests");
  expect(await runAndReadPath(page, slug, "The app crashes on start.")).toEqual(["classify", "tech"]);
  expect((await api(page.request, slug, "GET", `/api/v1/workflows/${route}`)).body.currentVersion).toBe(2);

  // Parallel: add a third branch between fan-out and merge, from the inspector.
  await createFromTemplate(page, slug, "Parallel graph", "Parallel");
  await selectNode(page, "fan-out");
  await page.getByRole("button", { name: "Add node" }).click();
  await expect(inspector(page).getByLabel("Id")).toBeFocused();
  await inspector(page).getByLabel("Id").fill("legal");
  await inspector(page).getByLabel("Role").fill("legal researcher");
  // Until it has a prompt and a way on, the new node is marked and the problem says what to do.
  await expect(canvasNode(page, "legal")).toHaveAccessibleName(/problem/);
  await expect(page.getByTestId("graph-problems")).toContainText("System prompt is required");
  await expect(page.getByTestId("graph-problems")).toContainText("has no way to END. Add an edge");
  await inspector(page).getByLabel("System prompt").fill("List the legal risks.");
  await inspector(page).getByLabel("Connect to…").selectOption({ label: "merge" });
  await inspector(page).getByRole("button", { name: "Add edge" }).click();
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await page.getByRole("button", { name: "Auto layout" }).click();
  await save(page, "A legal branch");
  const parallel = await runAndReadPath(page, slug, "Should we open an office in Lisbon?");
  expect([parallel[0], parallel.slice(1, 4).sort(), parallel[4]]).toEqual([
    "fan-out",
    ["legal", "market", "risks"],
    "merge",
  ]);

  // Refinement loop (seed 001): draft → refine → classify → fact-check | restyle | END, back to refine.
  await createFromTemplate(page, slug, "Loop graph", "Refinement loop");
  for (const id of ["draft", "refine", "classify", "fact-check", "restyle"])
    await expect(canvasNode(page, id)).toBeVisible();
  await expect(canvas(page).getByRole("group", { name: "End", exact: true })).toBeVisible();
  await page.getByLabel("Max visits per node").fill("3");
  await selectNode(page, "classify");
  const judge = inspector(page).getByLabel("System prompt");
  await judge.fill(`${await judge.inputValue()} [[simulate:reply:done]]`);
  await save(page, "Stop after one review in tests");
  expect(await runAndReadPath(page, slug, "Write a paragraph on tides.")).toEqual(["draft", "refine", "classify"]);
  await closeContext(context);
});

test("validation marks the node and field as you type, and unsaved changes are guarded", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await newAccount(page, "Val Idate");
  const id = await createFromTemplate(page, slug, "Checked", "Chain");
  await selectNode(page, "writer");
  const prompt = inspector(page).getByLabel("System prompt");
  await prompt.fill("Write it from {{ plannr.output }}.");
  await expect(inspector(page).getByText(/unknown node "plannr". Use the id of an existing node/)).toBeVisible();
  await expect(prompt).toHaveAttribute("aria-invalid", "true");
  await expect(canvasNode(page, "writer")).toHaveAccessibleName(/1 problem/);
  // Saving with problems is refused in the browser; nothing is lost.
  await page.getByRole("button", { name: "Save graph" }).click();
  await expect(page.getByTestId("graph-problems")).toContainText("fix them to save");
  await expect(prompt).toHaveValue("Write it from {{ plannr.output }}.");
  // A problem in the list takes you to its field.
  await page.getByTestId("graph-problems").getByRole("button").first().click();
  await expect(prompt).toBeFocused();
  await prompt.fill("Write it from {{ planner.output }}.");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  // A typed field condition: the router's field and value.
  await selectNode(page, "planner");
  await inspector(page).getByRole("button", { name: "Add output field" }).click();
  await inspector(page).getByLabel("Output field 1 name").fill("ready");
  await inspector(page).getByLabel("Output field 1 type").fill("bool");
  await inspector(page).getByLabel("Condition of the edge planner to writer").selectOption("field");
  await expect(page.getByTestId("graph-problems")).toContainText("Choose the typed output field");
  await inspector(page).getByLabel("Field", { exact: true }).selectOption("ready");
  await inspector(page).getByLabel("Equals").fill("true");
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  // A default way out beside the condition.
  await inspector(page).getByLabel("Connect to…").selectOption({ label: "END" });
  await inspector(page).getByRole("button", { name: "Add edge" }).click();
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  await expect(canvas(page).getByText("ready = true")).toBeVisible();

  await page.getByRole("button", { name: "Close editor" }).click();
  const confirm = page.getByRole("dialog", { name: "Discard unsaved changes?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await save(page, "Only when the plan is ready");
  const graph = (await api(page.request, slug, "GET", `/api/v1/workflows/${id}/graph`)).body.graph;
  expect(graph.edges).toEqual(
    expect.arrayContaining([
      { from: "planner", to: "writer", when: { field: "ready", equals: true } },
      { from: "planner", to: "END" },
    ]),
  );
  await page.getByRole("button", { name: "Close editor" }).click();
  await expect(page.getByRole("button", { name: "Edit graph" })).toBeVisible();
  await closeContext(context);
});

test("a graph is built from the keyboard alone", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const slug = await newAccount(page, "Kim Keys");
  const id = await createFromTemplate(page, slug, "Keyboard", "Chain");

  // Tab moves between nodes; focus is visible.
  await canvasNode(page, "planner").focus();
  await page.keyboard.press("Tab");
  await expect(canvasNode(page, "writer")).toBeFocused();
  await screenshots(page, "graph-editor-focus", () => expect(page.getByTestId("graph-editor")).toBeVisible());
  await canvasNode(page, "writer").focus();

  // Delete removes the focused node (and its edges); the planner now has nowhere to go.
  await page.keyboard.press("Delete");
  await expect(canvasNode(page, "writer")).toHaveCount(0);
  await expect(page.getByTestId("graph-problems")).toContainText('Node "planner" has no way to END');

  // N adds a node after the focused one, connected from it, and puts focus in its Id.
  await canvasNode(page, "planner").focus();
  await page.keyboard.press("n");
  await expect(inspector(page).getByLabel("Id")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("reviewer");
  await page.keyboard.press("Tab");
  await page.keyboard.type("reviewer");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Review the plan: {{ planner.output }}");

  // C on a node opens its "Connect to…"; choose END and add the edge.
  await canvasNode(page, "reviewer").focus();
  await page.keyboard.press("c");
  const connectTo = inspector(page).getByLabel("Connect to…");
  await expect(connectTo).toBeFocused();
  await page.keyboard.type("END");
  await expect(connectTo).toHaveValue("END");
  await page.keyboard.press("Tab");
  await expect(inspector(page).getByRole("button", { name: "Add edge" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("graph-valid")).toBeVisible();

  // The shortcuts are documented in a popover.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).focus();
  await page.keyboard.press("Enter");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Delete the focused node or edge");
  await expectAccessible(page, "graph editor with its shortcuts");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.getByRole("button", { name: "Save graph" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/^Saved as version 2\.$/)).toBeVisible();
  const graph = (await api(page.request, slug, "GET", `/api/v1/workflows/${id}/graph`)).body.graph;
  expect(graph.nodes.map((n: { id: string }) => n.id)).toEqual(["planner", "reviewer"]);
  expect(graph.edges).toEqual([
    { from: "planner", to: "reviewer" },
    { from: "reviewer", to: "END" },
  ]);
  await closeContext(context);
});

test("at phone width: a diagram and a list editor instead of the canvas", async ({ browser }) => {
  const context = await newContext(browser, { viewport: PHONE });
  const page = await context.newPage();
  const slug = await newAccount(page, "Pia Phone");
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workflow" });
  await dialog.getByLabel("Name").fill("Pocket route");
  await dialog.getByRole("radio", { name: /^Route/ }).check();
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\?edit=graph$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  const editor = page.getByTestId("graph-editor");
  await expect(editor.getByRole("region", { name: "Diagram of Pocket route (draft)" })).toBeVisible();
  await expect(page.getByTestId("graph-canvas")).toHaveCount(0);
  const nodes = editor.getByTestId("list-node");
  await expect(nodes).toHaveCount(3);

  // Edit a node in the list: the same checks as on the canvas.
  const billing = nodes.nth(1);
  await billing.getByText("billing agent").click();
  await billing.getByLabel("Role").fill("");
  await expect(billing.getByText("Role is required: say what this agent does.")).toBeVisible();
  await expect(billing.getByText("1 problem")).toBeVisible();
  await billing.getByLabel("Role").fill("refunds agent");

  // Add a node and remove an edge from the list, then delete the node again.
  await page.getByRole("button", { name: "Add node" }).click();
  await expect(nodes).toHaveCount(4);
  await expect(page.getByTestId("graph-problems")).toContainText("is not reachable from start");
  await expect(nodes.last().getByLabel("Id")).toBeFocused();
  await nodes
    .last()
    .getByRole("button", { name: /^Delete node/ })
    .click();
  await expect(nodes).toHaveCount(3);
  await expect(page.getByTestId("graph-valid")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "test-results/screenshots/graph-editor-phone-390.png", fullPage: true });
  await expectAccessible(page, "graph editor at phone width");

  await save(page, "Refunds");
  const graph = (await api(page.request, slug, "GET", `/api/v1/workflows/${id}/graph`)).body.graph;
  expect(graph.nodes.find((n: { id: string }) => n.id === "billing").role).toBe("refunds agent");
  await closeContext(context);
});
