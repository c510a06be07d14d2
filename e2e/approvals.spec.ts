import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(240_000);

/** The page is no wider than the window: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

const status = (page: Page, text: string) => page.getByRole("definition").filter({ hasText: text });

test("a run of the Approval template waits for a person, goes on when approved, forks from its last step, and compares", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();

  await open(page, "/signup");
  await signUp(page, { name: "Avery Approver", email: uniqueEmail("approval") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  // The new-workflow dialog starts a graph from the Approval template; the editor opens on it.
  await open(page, `/w/${slug}/workflows`);
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workflow" });
  await dialog.getByLabel("Name").fill("Announcement with sign-off");
  await dialog.getByRole("radio", { name: /^Approval/ }).check();
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/?]+\?edit=graph$/);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();

  // Run it: the draft is written, then the run waits at the review node for an answer.
  await page.getByLabel("Input", { exact: true }).fill("We open a Berlin office in March.");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  const runUrl = new URL(page.url()).pathname;
  const panel = page.getByTestId("approval-panel");
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(status(page, "Waiting")).toBeVisible();
  await expect(panel.getByRole("heading", { name: "review waits for your answer" })).toBeVisible();
  await expect(panel).toContainText("Publish this announcement?");
  await expect(panel).toContainText("Any member may answer.");
  await expect(panel).toContainText("later nodes read it as {{ review.comment }}");
  await screenshots(page, "run-approval", async () => {
    await expect(panel.getByRole("button", { name: "Approve" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
  await expectAccessible(page, "run waiting for an approval");

  // Approve, with a comment: the run goes on through publish and completes.
  await panel.getByLabel("Comment").fill("Ship it.");
  await panel.getByRole("button", { name: "Approve" }).click();
  await expect(status(page, "Completed")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("approval-panel")).toHaveCount(0);
  await expect(page.getByTestId("step-role")).toHaveText(["writer", "reviewer", "publisher"]);

  // Fork from the last step: draft and review are reused, only publish runs again.
  const lastStep = page.getByTestId("step-card").last();
  const fork = lastStep.getByTestId("fork-from-here");
  await fork.getByText("Fork from here").click();
  await fork.getByLabel("System prompt").fill("Format the approved announcement as one tweet.");
  await fork.getByRole("button", { name: "Start the fork" }).click();
  await expect(fork.getByText("The fork started")).toBeVisible({ timeout: 60_000 });
  await screenshots(page, "run-approved", async () => {
    await expect(fork.getByText("The fork started")).toBeVisible();
    // The approval's typed output (who decided, as JSON) wraps inside its step card.
    await expectNoSidewaysScroll(page);
  });
  await fork.getByRole("link", { name: "open it" }).click();
  // The fork is a run of its own.
  await expect(page).not.toHaveURL((url) => url.pathname === runUrl);
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(status(page, "Completed")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("approval-panel")).toHaveCount(0);
  const forkUrl = new URL(page.url()).pathname;

  // Compare the fork with its original: both paths on the graph, then step by step.
  await page.getByTestId("compare-with-original").click();
  await expect(page).toHaveURL(/\/compare\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: "Compare runs" })).toBeVisible();
  await expect(page.getByTestId("compare-path-a-nodes")).toHaveText("draft → review → publish");
  await expect(page.getByTestId("compare-path-b-nodes")).toHaveText("draft → review → publish");
  await expect(page.getByTestId("compare-path-a").locator(".react-flow__node")).not.toHaveCount(0);
  await expect(page.getByTestId("compare-path-b").getByTestId("node-approval")).toHaveText(
    "approval · any member may answer",
  );
  await expect(page.getByText("The runs diverge at step 3")).toBeVisible();
  await expect(page.getByTestId("compare-step-0")).toHaveAttribute("data-same", "true");
  const publish = page.getByTestId("compare-step-2");
  const inputs = publish.getByTestId("input-differences");
  await expect(inputs).toContainText("The input differs in the system prompt");
  await inputs.locator("summary").click();
  await expect(inputs.locator('[data-changed="b"]').filter({ hasText: "one tweet" })).toBeVisible();
  await screenshots(page, "run-compare", async () => {
    await expect(page.getByTestId("compare-path-b")).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
  await expectAccessible(page, "compare a fork with its original");

  // The original lists its fork, and links to it.
  await open(page, runUrl);
  const forks = page.getByTestId("run-forks");
  await expect(forks).toContainText("Forked once");
  await expect(forks).toContainText("from step 3");
  await forks.getByRole("link", { name: forkUrl.split("/").at(-1)! }).click();
  await expect(page).toHaveURL((url) => url.pathname === forkUrl);
  await closeContext(context);
});
