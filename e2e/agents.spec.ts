import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(240_000);

test("create an agent, start it, watch its reflection change the crew, roll back, pause and resume", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();

  await open(page, "/signup");
  await signUp(page, { name: "Ada Agent", email: uniqueEmail("agent") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]!);

  // A workflow for the agent to run, made through the same API the dashboard uses.
  const created = await page.request.post("/api/v1/workflows", {
    headers: { "x-workspace": slug, ...sameOrigin() },
    data: { name: "Morning digest" },
  });
  expect(created.status()).toBe(201);
  // The dashboard loaded its (empty) workflow list before the API call; start from fresh data.
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  // Agents: the empty state leads to the create page.
  await page.getByRole("link", { name: "Agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByText("No agents yet")).toBeVisible();
  await page.getByRole("link", { name: "New agent" }).click();
  await expect(page).toHaveURL(/\/agents\/new$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  await page.getByLabel("Name", { exact: true }).fill("News Notifier");
  await page.getByLabel("Role", { exact: true }).fill("News curator");
  await page.getByLabel("Goal").fill("Publish a reviewed digest of the morning's news. [[reflect:modify]]");
  await page.getByRole("checkbox", { name: /Morning digest/ }).check();

  // The schedule editor shows the next five run times as the schedule is typed.
  await page.getByLabel("Runs", { exact: true }).selectOption("cron");
  await page.getByLabel("Cron expression").fill("0 9 * * *");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(page.getByTestId("schedule-preview").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("schedule-preview")).toContainText("09:00");

  // A model too small to reflect is refused at the field.
  await page.getByLabel("Model", { exact: true }).fill("claude-haiku-4-5");
  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(page.getByText(/too small to reflect/)).toBeVisible();
  await expect(page.getByLabel("Model", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new agent with an error");

  await page.getByLabel("Model", { exact: true }).fill("claude-sonnet-4-6");
  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(page).toHaveURL(/\/agents\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /News Notifier/ })).toBeVisible();
  await expect(page.getByTestId("next-runs").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByText("No reflections yet")).toBeVisible();

  // Start now: the agent runs its workflow, then reflects; the reflection appears live.
  await page.getByRole("button", { name: "Start now" }).click();
  const reflection = page.getByTestId("reflection").first();
  await expect(reflection).toBeVisible({ timeout: 90_000 });
  await expect(reflection.getByText("modify", { exact: true })).toBeVisible();
  await expect(reflection.getByTestId("crew-diff")).toContainText("reviewer");
  await expect(page.getByText("Idle", { exact: true })).toBeVisible();
  await expect(page.getByTestId("agent-logs")).toContainText("Reflection: modify");
  await screenshots(page, "agent-detail", async () => {
    await expect(reflection).toBeVisible();
  });
  await expectAccessible(page, "agent detail");

  // One click (and a confirmation) restores the crew from before the change (as a new version).
  await reflection.getByRole("button", { name: /Roll back to version 1/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back", exact: true }).click();
  await expect(page.getByText("Restored version 1 as version 3.")).toBeVisible();

  // Pause and resume.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/Paused: nothing is scheduled/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Start now" })).toBeDisabled();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("next-runs").getByRole("listitem")).toHaveCount(5);

  // Edit: the create form, filled in; the API's refusals show at their fields; only changes are saved.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(/\/agents\/[^/]+\/edit$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("News Notifier");
  await expect(page.getByLabel("Cron expression")).toHaveValue("0 9 * * *");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await page.getByLabel("Name", { exact: true }).fill("Weekday Notifier");
  await page.getByLabel("Cron expression").fill("30 8 * * 1-5");
  await expect(page.getByTestId("schedule-preview")).toContainText("08:30");
  await page.getByLabel("Model", { exact: true }).fill("claude-3-haiku-20240307");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/too small to reflect/)).toBeVisible();
  await expect(page.getByLabel("Model", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Model", { exact: true }).fill("claude-sonnet-4-6");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/agents\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /Weekday Notifier/ })).toBeVisible();
  await expect(page.getByText("Cron 30 8 * * 1-5 (Europe/Berlin)")).toBeVisible();
  await expect(page.getByTestId("next-runs")).toContainText("08:30");
  await expect(page.getByTestId("agent-logs")).toContainText("Agent updated");

  // The list shows the agent with its schedule and next run.
  await open(page, `/w/${encodeURIComponent(slug)}/agents`);
  await expect(page.getByTestId("agent-row")).toHaveCount(1);
  await expect(page.getByTestId("agent-row")).toContainText("Weekday Notifier");
  await expect(page.getByTestId("agent-row")).toContainText("Cron 30 8 * * 1-5 (Europe/Berlin)");
  await screenshots(page, "agents-list", async () => {
    await expect(page.getByTestId("agent-row")).toBeVisible();
  });
  await context.close();
});
