import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(120_000);

test("a run refused by its model provider's rate limit says so on its page, then finishes by itself", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Rita Ratelimit", email: uniqueEmail("rate-limit") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };

  // The local model answers 429 with Retry-After: 5 twice, then answers.
  const workflow = await page.request.post("/api/v1/workflows", {
    headers,
    data: {
      name: "Busy provider",
      model: "claude-sonnet-4-6",
      crew: [{ role: "writer", systemPrompt: "Write a haiku about tea. [[simulate:rate_limit:2]]" }],
    },
  });
  expect(workflow.status()).toBe(201);
  const workflowId = (await workflow.json()).id as string;
  const started = await page.request.post(`/api/v1/workflows/${workflowId}/runs`, {
    headers,
    data: { input: "Green tea" },
  });
  expect(started.status()).toBe(202);
  const runId = (await started.json()).id as string;

  await open(page, `/w/${slug}/runs/${runId}`);
  const waiting = page.getByTestId("run-waiting-for");
  await expect(waiting).toContainText("Step 1 (writer) reached anthropic’s rate limit");
  await expect(waiting).toContainText("its model call is made again at");
  await screenshots(page, "run-rate-limit", () => expect(waiting).toBeVisible());
  await expectAccessible(page, "run waiting for a rate limit");

  // Once the provider takes the call, the run completes; the step made three attempts.
  await expect(page.getByTestId("final-output")).toContainText("[simulated claude-sonnet-4-6]", { timeout: 30_000 });
  await expect(waiting).toBeHidden();
  await closeContext(context);
});
