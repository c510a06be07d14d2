import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { closeContext, newContext, open, PHONE, sameOrigin, signUp, uniqueEmail } from "./support/pages";

// A classifier that thinks for a while, then two slow branches in parallel and a join: the run page
// is open through every kind of change a graph run makes while it goes.
const SLOW_TRIAGE = {
  name: "Slow triage",
  model: "claude-sonnet-4-6",
  graph: {
    start: "classify",
    nodes: [
      { id: "classify", role: "classifier", systemPrompt: "Sort the request. [[simulate:slow:4000]]" },
      { id: "billing", role: "billing agent", systemPrompt: "Handle billing. [[simulate:slow:2500]]" },
      { id: "audit", role: "auditor", systemPrompt: "Audit the account. [[simulate:slow:1500]]" },
      { id: "reply", role: "writer", systemPrompt: "Write the reply.", join: "all" },
    ],
    edges: [
      { from: "classify", to: "billing" },
      { from: "classify", to: "audit" },
      { from: "billing", to: "reply" },
      { from: "audit", to: "reply" },
      { from: "reply", to: "END" },
    ],
    maxSteps: 30,
    maxVisitsPerNode: 3,
  },
};

async function api(request: APIRequestContext, slug: string, method: "GET" | "POST", path: string, data?: unknown) {
  const response = await request.fetch(path, { method, data, headers: { "x-workspace": slug, ...sameOrigin() } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

/** Console errors, uncaught errors and the diagram's warnings (React Flow's "needs a width and a height"). */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error" || /React Flow|Diagram:|width and a height/.test(text)) problems.push(text);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

async function signUpFresh(page: Page, name: string): Promise<string> {
  await open(page, "/signup");
  await signUp(page, { name, email: uniqueEmail("live") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

test.setTimeout(240_000);

for (const [size, viewport] of [
  ["1280", { width: 1280, height: 800 }],
  ["390", PHONE],
] as const) {
  test(`a graph run's page opened while it runs (${size} px) hydrates, follows it live and logs nothing`, async ({
    browser,
  }) => {
    const context = await newContext(browser, { viewport });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const slug = await signUpFresh(page, "Lina Live");
    const created = await api(page.request, slug, "POST", "/api/v1/workflows", SLOW_TRIAGE);
    expect(created.status).toBe(201);
    const run = await api(page.request, slug, "POST", `/api/v1/workflows/${created.body.id}/runs`, {
      input: "I was charged twice.",
    });
    expect(run.status).toBe(202);

    await open(page, `/w/${slug}/runs/${run.body.id}`);
    // Still going: counted against its cap, the diagram drawn, the live indicator on.
    await expect(page.getByText(/\d+ steps? done \(cap 30\)/)).toBeVisible();
    await expect(page.getByTestId("live-mode")).toBeVisible();
    await expect(page.getByRole("region", { name: /Path of this run/ })).toBeVisible();
    // The viewport only: a full-page capture resizes the page under the canvas, which then warns.
    await page.screenshot({ path: `test-results/screenshots/graph-run-live-${size}.png` });

    await expect(page.getByRole("definition").filter({ hasText: "Completed" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("live-mode")).toHaveCount(0);
    // The path reads in the transcript's numbering, parallel branches included.
    const cards = await page.getByTestId("step-card").evaluateAll((els) =>
      els
        .map((el) => ({
          n: Number(el.querySelector("span[aria-hidden]")?.textContent),
          node: el.querySelector("[data-testid=step-node]")?.textContent ?? "",
        }))
        .sort((a, b) => a.n - b.n)
        .map((c) => c.node),
    );
    await expect(page.getByTestId("path-node")).toHaveText(cards);
    await expect(page.getByText(/^4 of 4 done$/)).toBeVisible();
    expect(problems).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/graph-run-live-done-${size}.png`, fullPage: true });
    await closeContext(context);
  });
}

test("unsaved graph edits ask before every way out: sidebar, All workflows, workspace switcher, back", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const problems = watchConsole(page);
  const slug = await signUpFresh(page, "Gus Guard");
  const created = await api(page.request, slug, "POST", "/api/v1/workflows", SLOW_TRIAGE);
  const workflowPath = `/w/${slug}/workflows/${created.body.id}`;

  await open(page, `/w/${slug}/runs`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Workflows" }).click();
  await page.getByRole("link", { name: "Slow triage" }).click();
  await expect(page).toHaveURL(new RegExp(`${workflowPath}$`));
  await page.getByRole("button", { name: "Edit graph" }).click();
  await page.getByLabel("Max steps").fill("40");
  await expect(page.getByText("Unsaved changes").first()).toBeVisible();
  const confirm = page.getByRole("dialog", { name: "Discard unsaved changes?" });

  // The sidebar.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Runs" }).click();
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/leave-guard-1280.png" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`${workflowPath}$`));
  await expect(page.getByLabel("Max steps")).toHaveValue("40");

  // The breadcrumb.
  await page.getByRole("link", { name: "← All workflows" }).click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Max steps")).toHaveValue("40");

  // The workspace switcher.
  await page.getByRole("button", { name: /Switch workspace/ }).click();
  await page
    .getByRole("menuitem", { name: /Gus Guard|workspace/i })
    .first()
    .click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Max steps")).toHaveValue("40");

  // The browser's back button: it stays, edits kept; asked again, it leaves.
  await page.goBack();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`${workflowPath}$`));
  await expect(page.getByLabel("Max steps")).toHaveValue("40");
  await page.goBack();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/workflows$`));

  // Saved edits leave without a word, and Back goes back at once.
  await page.getByRole("link", { name: "Slow triage" }).click();
  await page.getByRole("button", { name: "Edit graph" }).click();
  await page.getByLabel("Max steps").fill("40");
  await page.getByRole("button", { name: "Save graph" }).click();
  await expect(page.getByText(/^Saved as version 2\.$/)).toBeVisible();
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runs$`));
  await expect(confirm).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${workflowPath}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/workflows$`));
  expect(problems).toEqual([]);
  await closeContext(context);
});
