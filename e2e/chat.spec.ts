import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(180_000);

/** The page is no wider than the window: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

const REQUEST = "build an agent that checks my status page every hour and opens a work item when it is down";

test("ask Loopi for an agent, read its checked cards, create them and open the agent", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();

  await open(page, "/signup");
  await signUp(page, { name: "Cleo Chat", email: uniqueEmail("chat") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  // The sidebar leads to Chat; a new workspace has no chats yet.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByText("No chats yet")).toBeVisible();
  await page.getByRole("button", { name: "New chat" }).first().click();
  await expect(page.getByRole("navigation", { name: "Chats" }).getByRole("listitem")).toHaveCount(1);

  // Ask: the local model answers with a workflow card and an agent card, both checked and valid.
  await page.getByLabel("Message to Loopi").fill(REQUEST);
  await page.getByRole("button", { name: "Send" }).click();
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText(REQUEST)).toBeVisible({ timeout: 60_000 });
  const cards = page.getByTestId("chat-block");
  await expect(cards).toHaveCount(2, { timeout: 60_000 });
  await expect(messages).toContainText("one workflow that checks first and acts only when it must");

  const workflowCard = cards.filter({ hasText: "Workflow: Checks my status page every hour" });
  const agentCard = cards.filter({ hasText: "Agent: Checks my status page agent" });
  await expect(workflowCard).toHaveCount(1);
  await expect(agentCard).toHaveCount(1);
  for (const card of [workflowCard, agentCard]) {
    await expect(card.getByText("Valid", { exact: true })).toBeVisible();
    await expect(card.getByText(/\d+ problems?$/)).toHaveCount(0);
  }
  // The workflow card draws its graph: check, then act only when something needs doing.
  const diagram = workflowCard.getByTestId("graph-diagram");
  await expect(diagram).toBeVisible();
  await expect(diagram).toContainText("check");
  await expect(diagram).toContainText("act");
  await expect(agentCard.getByTestId("graph-diagram")).toHaveCount(0);
  // The block itself is one click away, as Loopi wrote it.
  await agentCard.getByText("The block as Loopi wrote it").click();
  await expect(agentCard.locator("pre")).toContainText('"intervalMinutes": 60');

  const create = page.getByRole("button", { name: "Create", exact: true });
  await expect(create).toBeEnabled();
  await screenshots(page, "chat-proposal", async () => {
    await expect(diagram).toBeVisible();
    await expect(create).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
  await expectAccessible(page, "chat with a proposal");

  // Create: both are made at once, and each card links to what it made.
  await create.click();
  await expect(page.getByText("Created. Open each card to see it.")).toBeVisible({ timeout: 60_000 });
  await expect(create).toHaveCount(0);
  await expect(workflowCard.getByRole("link", { name: "Open" })).toBeVisible();
  await screenshots(page, "chat-created", async () => {
    await expect(page.getByText("Created. Open each card to see it.")).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  await agentCard.getByRole("link", { name: "Open" }).click();
  await expect(page).toHaveURL(/\/agents\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /Checks my status page agent/ })).toBeVisible();

  // The agents list shows it, on the schedule the request named.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByTestId("agent-row")).toHaveCount(1);
  await expect(page.getByTestId("agent-row")).toContainText("Checks my status page agent");

  // The chat remembers the conversation after a reload, created cards included.
  await open(page, `/w/${slug}/chat`);
  await expect(page.getByTestId("chat-block")).toHaveCount(2);
  await expect(page.getByText("Created. Open each card to see it.")).toBeVisible();
  await closeContext(context);
});
