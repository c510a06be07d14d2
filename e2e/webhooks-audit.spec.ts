import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(180_000);

// An address literal: a host name would have to resolve, and this machine has no DNS.
const ENDPOINT = "https://93.184.215.14/loopllama";

test("add a webhook endpoint, its secret shown once, then read, verify and export the audit log", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();

  await open(page, "/signup");
  await signUp(page, { name: "Wes Webhook", email: uniqueEmail("webhooks") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const nav = page.getByRole("navigation", { name: "Workspace" });

  // Settings → Webhooks: empty at first.
  await nav.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();

  // An address on this machine is refused at the URL field.
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  let dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
  // With no event types of its own, the dialog says where they come from.
  await expect(dialog.getByTestId("webhook-bus-events")).toContainText("Event types you create under Events");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The workspace's own event type can be sent too, as event.<name>.
  const type = await page.request.post("/api/v1/event-types", {
    headers: { "x-workspace": slug, ...sameOrigin() },
    data: { name: "OrderPlaced", fields: { total: "int" } },
  });
  expect(type.status()).toBe(201);
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
  await dialog.getByLabel("URL").fill("https://127.0.0.1/hook");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");

  // A public address is added; the signing secret is shown this once.
  await dialog.getByLabel("URL").fill(ENDPOINT);
  await dialog.getByLabel("Description").fill("Ops alerts");
  await dialog.getByRole("checkbox", { name: "run.completed" }).uncheck();
  await dialog.getByRole("checkbox", { name: "event.OrderPlaced" }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  const added = page.getByRole("dialog", { name: "Endpoint added" });
  await expect(added).toBeVisible();
  const secretField = added.getByTestId("webhook-secret");
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  const secret = await secretField.inputValue();
  await screenshots(page, "webhook-secret", async () => {
    await expect(secretField).toBeVisible();
  });
  await added.getByRole("button", { name: "Done" }).click();
  await expect(added).toBeHidden();

  const endpoint = page.getByTestId("webhook-endpoint");
  await expect(endpoint).toHaveCount(1);
  await expect(endpoint).toContainText(ENDPOINT);
  await expect(endpoint).toContainText("Ops alerts");
  await expect(endpoint).toContainText("run.failed");
  await expect(endpoint).not.toContainText("run.completed");
  await expect(endpoint).toContainText("event.OrderPlaced");
  // After a reload the secret is nowhere on the page.
  await open(page, `/w/${slug}/settings/webhooks`);
  await expect(page.getByTestId("webhook-endpoint")).toContainText(ENDPOINT);
  expect(await page.content()).not.toContain(secret);
  await screenshots(page, "webhooks", async () => {
    await expect(page.getByTestId("webhook-endpoint")).toBeVisible();
  });
  await expectAccessible(page, "webhooks");

  // Settings → Audit log: the endpoint's creation is there, by this user, and the chain verifies.
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "webhook_endpoint.created" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "webhook_endpoint.created" })).toContainText("user");
  // Signing in (right after sign-up) is recorded too.
  await expect(rows.filter({ hasText: "user.signed_in" })).toHaveCount(1);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText("The chain verifies")).toBeVisible();
  // The sign-in and the endpoint.
  await expect(page.getByText("All 2 entries match their MACs and link to the one before.")).toBeVisible();

  // Filtering by action narrows the list.
  await page.getByLabel("Action").selectOption("token.created");
  await expect(page.getByText("No entries")).toBeVisible();
  await page.getByLabel("Action").selectOption("webhook_endpoint.created");
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Action").selectOption("");
  await expect(rows.filter({ hasText: "webhook_endpoint.created" })).toHaveCount(1);
  await screenshots(page, "audit-log", async () => {
    await expect(page.getByText("The chain verifies")).toBeVisible();
  });

  // Export downloads the entries as JSON Lines, oldest first; the export is then in the log itself.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-.+\.jsonl$/);
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
  expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual([
    "user.signed_in",
    "webhook_endpoint.created",
  ]);
  await open(page, `/w/${slug}/settings/audit`);
  await expect(page.getByTestId("audit-row").filter({ hasText: "audit_log.exported" })).toHaveCount(1);
  await expectAccessible(page, "audit log");
  await closeContext(context);
});
