import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

// The "Spec reviewer" crew of the core reference document (seed 000), prompts verbatim.
const SPEC_REVIEWER = [
  {
    role: "researcher",
    systemPrompt: "Extract the key claims and open questions from the input. Be exhaustive and concise.",
  },
  {
    role: "writer",
    systemPrompt: "Using the research, draft a clear one-page summary with a 'Risks' section.",
  },
  {
    role: "reviewer",
    model: "claude-opus-4-7",
    systemPrompt: "Critique the draft for accuracy and gaps, then output a corrected final version.",
  },
];

const SCRIPT_PAYLOAD = "<script>alert(1)</script>";
const IMG_PAYLOAD = "<img src=x onerror=alert(2)>";

function agentCards(page: Page): Locator {
  return page.getByTestId("agent-card");
}

async function expectCrewOrder(page: Page, roles: string[]): Promise<void> {
  await expect(agentCards(page)).toHaveCount(roles.length);
  for (const [i, role] of roles.entries()) {
    await expect(agentCards(page).nth(i).getByLabel("Role")).toHaveValue(role);
  }
}

async function expectTranscriptOrder(page: Page, roles: string[]): Promise<void> {
  await expect(page.getByTestId("step-card")).toHaveCount(roles.length);
  await expect(page.getByTestId("step-role")).toHaveText(roles);
}

async function startRun(page: Page, input: string): Promise<string> {
  await page.getByLabel("Input", { exact: true }).fill(input);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function waitForRun(page: Page, status: "Completed" | "Failed"): Promise<void> {
  await expect(page.getByRole("definition").filter({ hasText: status })).toBeVisible({ timeout: 60_000 });
}

async function api(
  request: APIRequestContext,
  slug: string,
  method: "GET" | "POST" | "PUT" | "PATCH",
  path: string,
  data?: unknown,
) {
  const response = await request.fetch(path, { method, data, headers: { "x-workspace": slug, ...sameOrigin() } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

test.setTimeout(240_000);

test("build the Spec reviewer crew, run it live, reorder, restore, pause, and show outputs safely", async ({
  browser,
}) => {
  const context = await newContext(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  // Sign up: the workspace opens on Workflows, with an empty state that says what to do.
  await open(page, "/signup");
  await signUp(page, { name: "Wendy Workflow", email: uniqueEmail("wf") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByText("No workflows yet")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Workflows" }),
  ).toHaveAttribute("aria-current", "page");

  // Create the workflow: it starts with the default crew (planner, writer).
  await page.getByRole("button", { name: "New workflow" }).click();
  const create = page.getByRole("dialog", { name: "Create a workflow" });
  await create.getByRole("button", { name: "Create workflow" }).click();
  await expect(create.getByText("Name is required")).toBeVisible();
  await create.getByLabel("Name").fill("Spec reviewer");
  await expect(create.getByLabel("Default model")).toHaveValue("claude-sonnet-4-6");
  await create.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+$/);
  const workflowId = new URL(page.url()).pathname.split("/").pop()!;
  await expectCrewOrder(page, ["planner", "writer"]);
  await expect(page.getByTestId("version-item")).toHaveCount(1);

  // Build the crew: edit the two agents, add a third with its own model.
  const [researcher, writer] = [agentCards(page).nth(0), agentCards(page).nth(1)];
  await researcher.getByLabel("Role").fill(SPEC_REVIEWER[0]!.role);
  await researcher.getByLabel("System prompt").fill(SPEC_REVIEWER[0]!.systemPrompt);
  await writer.getByLabel("Role").fill(SPEC_REVIEWER[1]!.role);
  await writer.getByLabel("System prompt").fill(SPEC_REVIEWER[1]!.systemPrompt);
  await page.getByRole("button", { name: "Add agent" }).click();
  const reviewer = agentCards(page).nth(2);
  await expect(reviewer.getByLabel("Role")).toBeFocused();
  await reviewer.getByLabel("Role").fill(SPEC_REVIEWER[2]!.role);
  // An agent without a model shows the default it inherits.
  await expect(reviewer.getByLabel("Model")).toHaveAttribute("placeholder", "claude-sonnet-4-6 (default)");
  await expect(reviewer.getByText("Leave empty to use the workflow default, claude-sonnet-4-6.")).toBeVisible();
  await reviewer.getByLabel("Model").fill(SPEC_REVIEWER[2]!.model!);

  // Saving with an empty prompt: the API's field error shows beside that agent's prompt.
  await page.getByRole("button", { name: "Save crew" }).click();
  await expect(reviewer.getByText("System prompt is required")).toBeVisible();
  await expect(reviewer.getByLabel("System prompt")).toHaveAttribute("aria-invalid", "true");
  await expect(researcher.getByText("System prompt is required")).toHaveCount(0);
  await reviewer.getByLabel("System prompt").fill(SPEC_REVIEWER[2]!.systemPrompt);
  await page.getByRole("button", { name: "Save crew" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(page.getByTestId("version-item")).toHaveCount(2);
  await expect(page.getByTestId("version-item").first()).toContainText("Version 2");
  await expect(page.getByTestId("version-item").first()).toContainText("Current");
  const saved = await api(page.request, slug, "GET", `/api/v1/workflows/${workflowId}/crew`);
  // The API shows each model as its object; the builder edits it as text.
  expect(saved.body.crew).toEqual(
    SPEC_REVIEWER.map((a) => (a.model ? { ...a, model: { provider: "anthropic", model: a.model } } : a)),
  );

  await screenshots(page, "crew-builder", () => expect(agentCards(page)).toHaveCount(3));
  await expectAccessible(page, "crew builder");

  // Run it: the transcript has a card per step and the final output on top.
  const firstRun = await startRun(page, "Review the payments API v2 spec: idempotency keys, refunds and webhooks.");
  await waitForRun(page, "Completed");
  await expectTranscriptOrder(page, ["researcher", "writer", "reviewer"]);
  await expect(page.getByTestId("step-model")).toHaveText([
    "claude-sonnet-4-6",
    "claude-sonnet-4-6",
    "claude-opus-4-7",
  ]);
  await expect(page.getByTestId("final-output")).toContainText("[simulated claude-opus-4-7]");
  const cards = page.getByTestId("step-card");
  await expect(cards.first()).toContainText(/\d+ in · \d+ out/);
  // Input is collapsed, output open; the input is fetched when opened (the run carries only its size).
  await expect(cards.first().getByText("System prompt", { exact: true })).toBeHidden();
  await expect(cards.first()).toContainText(/\d+(\.\d)?k? chars/);
  const inputLoaded = page.waitForResponse((r) => /\/api\/v1\/runs\/[^/]+\/steps\/[^/]+\/input$/.test(r.url()));
  await cards.first().getByText("Input", { exact: true }).click();
  expect((await inputLoaded).status()).toBe(200);
  await expect(cards.first().getByText(SPEC_REVIEWER[0]!.systemPrompt)).toBeVisible();
  await expect(page.getByTestId("step-output")).toHaveCount(3);

  // Copy the run id and a curl command that works with an API token.
  await page.getByRole("button", { name: "Copy run ID" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstRun);
  await page.getByRole("button", { name: "Copy curl" }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(page.url()).origin;
  expect(curl).toBe(`curl -H "Authorization: Bearer $LOOPLLAMA_TOKEN" ${origin}/api/v1/runs/${firstRun}`);
  const token = await api(page.request, slug, "POST", "/api/v1/tokens", { name: "e2e" });
  expect(token.status).toBe(201);
  const viaToken = await page.request.get(curl.split(" ").pop()!, {
    headers: { authorization: `Bearer ${token.body.token}` },
  });
  expect(viaToken.status()).toBe(200);
  expect((await viaToken.json()).id).toBe(firstRun);

  await screenshots(page, "run-transcript", () => expect(page.getByTestId("final-output")).toBeVisible());
  await expectAccessible(page, "run transcript");

  // Reorder by drag: writer above researcher. Then by keyboard: reviewer up and back down.
  await open(page, `/w/${slug}/workflows/${workflowId}`);
  await expectCrewOrder(page, ["researcher", "writer", "reviewer"]);
  await agentCards(page).nth(1).getByTestId("drag-handle").dragTo(agentCards(page).nth(0));
  await expectCrewOrder(page, ["writer", "researcher", "reviewer"]);
  await expect(page.getByText("Unsaved changes", { exact: true })).toBeVisible();
  const reviewerHandle = agentCards(page).nth(2).getByTestId("drag-handle");
  await reviewerHandle.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expectCrewOrder(page, ["writer", "reviewer", "researcher"]);
  await expect(agentCards(page).nth(1).getByTestId("drag-handle")).toBeFocused();
  await page.keyboard.press("Alt+ArrowDown");
  await expectCrewOrder(page, ["writer", "researcher", "reviewer"]);
  // And with the move buttons.
  await agentCards(page).nth(0).getByRole("button", { name: "Move writer down" }).click();
  await agentCards(page).nth(0).getByRole("button", { name: "Move researcher down" }).click();
  await expectCrewOrder(page, ["writer", "researcher", "reviewer"]);
  await page.getByLabel("Change note").fill("Writer first");
  await page.getByRole("button", { name: "Save crew" }).click();
  await expect(page.getByText("Saved as version 3.")).toBeVisible();
  await expect(page.getByTestId("version-item").first()).toContainText("Writer first");

  await startRun(page, "Second pass over the payments spec.");
  await waitForRun(page, "Completed");
  await expectTranscriptOrder(page, ["writer", "researcher", "reviewer"]);

  // Restore version 2: its order comes back as a new version 4.
  await open(page, `/w/${slug}/workflows/${workflowId}`);
  await page.getByRole("button", { name: "Restore version 2" }).click();
  await page
    .getByRole("dialog", { name: "Restore version 2?" })
    .getByRole("button", { name: "Restore version" })
    .click();
  await expect(page.getByTestId("version-item").first()).toContainText("Version 4");
  await expect(page.getByTestId("version-item").first()).toContainText("Restored");
  await expectCrewOrder(page, ["researcher", "writer", "reviewer"]);

  // Pause: the run button refuses and says why (so does the API, with 409). Resume.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Paused");
  const runButton = page.getByRole("button", { name: "Start run" });
  await expect(runButton).toBeDisabled();
  await expect(page.getByTestId("run-refusal")).toHaveText(/paused, so it can’t run\. Resume it/);
  await expect(runButton).toHaveAccessibleDescription(/paused/);
  const refused = await api(page.request, slug, "POST", `/api/v1/workflows/${workflowId}/runs`, { input: "x" });
  expect(refused.status).toBe(409);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  await expect(runButton).toBeEnabled();

  // An output that contains HTML is shown as text: nothing runs, no elements appear.
  // The local model quotes the input in its output; the slow directive lets the page watch it live.
  const payload = await api(page.request, slug, "POST", "/api/v1/workflows", {
    name: "Payload check",
    crew: [
      { role: "researcher", systemPrompt: "Extract the claims. [[simulate:slow:2500]]" },
      { role: "writer", systemPrompt: "Draft the final answer. [[simulate:slow:2500]]" },
    ],
  });
  expect(payload.status).toBe(201);
  await open(page, `/w/${slug}/workflows/${payload.body.id}`);
  await startRun(page, `${SCRIPT_PAYLOAD} ${IMG_PAYLOAD}`);
  await expect(page.getByTestId("live-mode")).toHaveText("Live");
  await expect(page.locator('[data-testid="step-card"][data-status="running"]')).toHaveCount(1);
  await waitForRun(page, "Completed");
  await expect(page.getByTestId("live-mode")).toHaveCount(0);
  const outputs = page.getByTestId("step-output");
  await expect(outputs.first()).toContainText(SCRIPT_PAYLOAD);
  await expect(outputs.first()).toContainText(IMG_PAYLOAD);
  await expect(page.getByTestId("final-output")).toContainText("<script>");
  const main = page.locator("main");
  await expect(main.locator("script")).toHaveCount(0);
  await expect(main.locator("img")).toHaveCount(0);

  // A failing step is highlighted with its error, and the run says which step failed.
  const broken = await api(page.request, slug, "POST", "/api/v1/workflows", {
    name: "Broken reviewer",
    crew: [
      { role: "planner", systemPrompt: "Plan it." },
      { role: "reviewer", systemPrompt: `Review it. [[simulate:error:Model refused ${IMG_PAYLOAD}]]` },
    ],
  });
  await open(page, `/w/${slug}/workflows/${broken.body.id}`);
  await startRun(page, "Anything");
  await waitForRun(page, "Failed");
  const failed = page.locator('[data-testid="step-card"][data-status="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.getByTestId("step-role")).toHaveText("reviewer");
  await expect(failed.getByTestId("step-error")).toContainText(`Model refused ${IMG_PAYLOAD}`);
  await expect(page.getByText("Failed at step 2")).toBeVisible();
  await expect(main.locator("img")).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // The workflows list: status, last run and runs this month.
  await open(page, `/w/${slug}/workflows`);
  const row = page.getByTestId("workflow-row").filter({ hasText: "Spec reviewer" });
  await expect(row).toContainText("Active");
  await expect(row.getByRole("cell").last()).toHaveText("2");
  await expect(row.getByText("Completed").last()).toBeVisible();
  await expect(page.getByTestId("workflow-row")).toHaveCount(3);
  await screenshots(page, "workflows-list", () => expect(row).toBeVisible());
  await expectAccessible(page, "workflows list");

  // The runs list filters by workflow and status, and opens any run.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Runs" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(4);
  await page.getByLabel("Workflow", { exact: true }).selectOption({ label: "Spec reviewer" });
  await expect(page).toHaveURL(/workflowId=/);
  await expect(page.getByTestId("run-row")).toHaveCount(2);
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByTestId("run-row")).toHaveCount(4);
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row")).toContainText("Broken reviewer");
  await screenshots(page, "runs-list", () => expect(page.getByTestId("run-row")).toHaveCount(1));
  await expectAccessible(page, "runs list");
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await page
    .getByTestId("run-row")
    .filter({ hasText: firstRun.slice(0, 10) })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(new RegExp(`/runs/${firstRun}$`));
  await expect(page.getByTestId("run-id")).toHaveText(firstRun);
  await expectTranscriptOrder(page, ["researcher", "writer", "reviewer"]);

  await closeContext(context);
});

test("the transcript falls back to polling when the event stream fails", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.route("**/api/v1/runs/*/events*", (route) => route.abort());
  await open(page, "/signup");
  await signUp(page, { name: "Paula Polling", email: uniqueEmail("poll") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const created = await api(page.request, slug, "POST", "/api/v1/workflows", {
    name: "Slow pair",
    crew: [
      { role: "planner", systemPrompt: "Plan. [[simulate:slow:1500]]" },
      { role: "writer", systemPrompt: "Write. [[simulate:slow:1500]]" },
    ],
  });
  await open(page, `/w/${slug}/workflows/${created.body.id}`);
  await startRun(page, "Plan a launch.");
  await expect(page.getByTestId("live-mode")).toHaveText("Updating every second");
  await waitForRun(page, "Completed");
  await expectTranscriptOrder(page, ["planner", "writer"]);
  await expect(page.getByTestId("final-output")).toContainText("[simulated claude-sonnet-4-6]");
  await closeContext(context);
});

test("a finished run's transcript arrives with the page and hydrates cleanly in another time zone", async ({
  browser,
}) => {
  const context = await newContext(browser, { timezoneId: "America/New_York", locale: "de-DE" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  // Name what failed to load: the console only says "Failed to load resource".
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  await open(page, "/signup");
  await signUp(page, { name: "Tomas Timezone", email: uniqueEmail("tz") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const created = await api(page.request, slug, "POST", "/api/v1/workflows", { name: "Pair", crew: SPEC_REVIEWER });
  const run = await api(page.request, slug, "POST", `/api/v1/workflows/${created.body.id}/runs`, {
    input: "Review the spec.",
  });
  let finished: { status: string; startedAt: string } = { status: "queued", startedAt: "" };
  await expect
    .poll(
      async () => {
        finished = (await api(page.request, slug, "GET", `/api/v1/runs/${run.body.id}`)).body;
        return finished.status;
      },
      { timeout: 60_000 },
    )
    .toBe("completed");

  // The browser may not read the run through the API: the page must already carry it.
  let runReads = 0;
  await page.route("**/api/v1/runs/**", (route) => {
    runReads += 1;
    return route.abort();
  });
  await open(page, `/w/${slug}/runs/${run.body.id}`);
  await expectTranscriptOrder(page, ["researcher", "writer", "reviewer"]);
  await expect(page.getByTestId("final-output")).toContainText("[simulated claude-opus-4-7]");
  // Once hydrated, the start time is in the viewer's zone, not the server's UTC.
  const started = page.locator("dt", { hasText: "Started" }).locator("xpath=following-sibling::dd[1]");
  const local = await page.evaluate(
    (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    finished.startedAt,
  );
  await expect(started).toHaveText(local);
  expect(runReads).toBe(0);
  // React reports a hydration mismatch as an error (minified in production: #418 and friends).
  expect(problems).toEqual([]);
  await closeContext(context);
});
