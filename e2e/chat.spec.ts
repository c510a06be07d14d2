import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

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

/** A message that makes the local model reply with exactly these blocks. */
function exactReply(...blocks: [string, unknown][]): string {
  const text = blocks.map(([kind, value]) => "```" + kind + "\n" + JSON.stringify(value, null, 1) + "\n```").join("\n");
  return `[[simulate:reply:${text}]]`;
}

const chain = (name: string) => ({
  name,
  graph: {
    start: "check",
    nodes: [{ id: "check", role: "checker", systemPrompt: "Check the thing and report." }],
    edges: [{ from: "check", to: "END" }],
  },
});

test("edit a card's JSON, checked as you type, then create it; a discarded reply stays discarded", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Eddie Edit", email: uniqueEmail("chat-edit") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await open(page, `/w/${slug}/chat`);
  await page.getByRole("button", { name: "New chat" }).first().click();

  // A reply whose workflow has no nodes: one card, with its problems.
  const broken = { name: "Draft check", graph: { start: "check", nodes: [], edges: [] } };
  await page.getByLabel("Message to Loopi").fill(exactReply(["workflow-create", broken]));
  await page.getByRole("button", { name: "Send" }).click();
  const card = page.getByTestId("chat-block");
  await expect(card).toHaveCount(1, { timeout: 60_000 });
  await expect(card.getByText(/\d+ problems?$/)).toBeVisible();
  const create = page.getByRole("button", { name: "Create", exact: true });
  await expect(create).toBeDisabled();
  // The reply says what Loopi's model call cost.
  await expect(page.getByTestId("reply-usage")).toContainText(/tokens .*\$/);

  // Edit: broken JSON is named at once; a fixed graph is checked by the server and turns valid.
  await card.getByRole("button", { name: "Edit" }).click();
  // The editor, not the read-only block below it (both are named after the block).
  const editor = card.getByRole("textbox", { name: /Workflow block as JSON/ });
  await editor.fill('{"name": ');
  await expect(card.getByText(/Not valid JSON/)).toBeVisible();
  await editor.fill(JSON.stringify(chain("Draft check"), null, 2));
  await expect(card.getByText("Valid", { exact: true })).toBeVisible();
  await expect(create).toBeEnabled();
  await screenshots(page, "chat-edit", async () => {
    await expect(editor).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
  await expectAccessible(page, "chat with a card being edited");
  await create.click();
  await expect(page.getByText("Created. Open each card to see it.")).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole("link", { name: "Open" })).toBeVisible();

  // A second reply is discarded, and stays so after a reload.
  await page.getByLabel("Message to Loopi").fill(exactReply(["workflow-create", chain("Never made")]));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("chat-block")).toHaveCount(2, { timeout: 60_000 });
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(page.getByText("Discarded: nothing was created from this reply.")).toBeVisible();
  await expect(page.getByTestId("chat-block")).toHaveCount(1);
  await open(page, `/w/${slug}/chat`);
  await expect(page.getByText("Discarded: nothing was created from this reply.")).toBeVisible();
  await expect(page.getByTestId("chat-block")).toHaveCount(1);
  await expect(page.getByText("Created. Open each card to see it.")).toBeVisible();
  const workflows = await page.request.get("/api/v1/workflows", { headers: { "x-workspace": slug } });
  const names = ((await workflows.json()) as { data: { name: string; createdBy: string }[] }).data;
  expect(names.map((w) => [w.name, w.createdBy])).toEqual([["Draft check", "loopi"]]);
  await closeContext(context);
});

test("Memory: look up a user's memories, search them and forget the user", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Mona Memory", email: uniqueEmail("memory") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };

  // A run for customer-7 of a node that writes memory stores its output as an episode.
  const workflow = await page.request.post("/api/v1/workflows", {
    headers,
    data: {
      name: "Concierge",
      graph: {
        start: "assist",
        nodes: [
          {
            id: "assist",
            role: "concierge",
            systemPrompt: "Help the guest. [[simulate:reply:The guest prefers vegetarian food near the river.]]",
            memory: "write",
          },
        ],
        edges: [{ from: "assist", to: "END" }],
      },
    },
  });
  expect(workflow.status()).toBe(201);
  const { id } = (await workflow.json()) as { id: string };
  const run = await page.request.post(`/api/v1/workflows/${id}/runs`, {
    headers,
    data: { input: "Where should I eat?", userId: "customer-7" },
  });
  expect(run.status()).toBe(202);
  await expect
    .poll(
      async () => {
        const res = await page.request.get("/api/v1/memories?userId=customer-7", { headers: { "x-workspace": slug } });
        return ((await res.json()) as { data: unknown[] }).data.length;
      },
      { timeout: 60_000 },
    )
    .toBe(1);

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Memory" }).click();
  await expect(page).toHaveURL(/\/memory$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByRole("heading", { name: "Memory", level: 1 })).toBeVisible();
  await page.getByLabel("User id").fill("customer-7");
  await page.getByRole("button", { name: "Look up" }).click();
  const memories = page.getByTestId("memory");
  await expect(memories).toHaveCount(1);
  await expect(memories.first()).toContainText("vegetarian food near the river");
  await expect(memories.first().getByRole("link", { name: "Run" })).toBeVisible();

  // A search that matches, then one that does not.
  await page.getByLabel("Search (optional)").fill("vegetarian");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByRole("heading", { name: /matching “vegetarian”/ })).toBeVisible();
  await expect(memories).toHaveCount(1);
  await screenshots(page, "memory", async () => {
    await expect(memories).toHaveCount(1);
    await expectNoSidewaysScroll(page);
  });
  await expectAccessible(page, "memory");
  await page.getByLabel("Search (optional)").fill("opera");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByText("Nothing remembered")).toBeVisible();

  // Forget the user: everything about them is deleted.
  await page.getByRole("button", { name: "Forget this user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Forget user" }).click();
  await expect(page.getByText("Forgot customer-7: 1 memory deleted.")).toBeVisible();
  const after = await page.request.get("/api/v1/memories?userId=customer-7", { headers: { "x-workspace": slug } });
  expect(((await after.json()) as { data: unknown[] }).data).toEqual([]);
  await closeContext(context);
});
