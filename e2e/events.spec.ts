import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectAccessible } from "./support/axe";
import { newContext, open, PHONE, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

test("events: an event emitted through the API shows with its run; a webhook shows its secret once", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Eve Events", email: uniqueEmail("events") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };

  // Empty states first.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
  await expect(page.getByText("No event types yet")).toBeVisible();
  await expect(page.getByText("No events yet")).toBeVisible();
  await expectAccessible(page, "events (empty)");

  // An event type, a workflow that starts on it, and an event, all through the API.
  const type = await page.request.post("/api/v1/event-types", {
    headers,
    data: { name: "Incident", fields: { title: "str", severity: "enum[low, high]" }, description: "Something broke" },
  });
  expect(type.status()).toBe(201);
  const typeId = (await type.json()).id as string;
  const workflow = await page.request.post("/api/v1/workflows", {
    headers,
    data: {
      name: "Investigate",
      graph: {
        start: "look",
        trigger: { event: "Incident" },
        nodes: [{ id: "look", role: "investigator", systemPrompt: "Investigate {{ event.title }}." }],
        edges: [{ from: "look", to: "END" }],
      },
    },
  });
  expect(workflow.status()).toBe(201);
  const emitted = await page.request.post("/api/v1/events", {
    headers,
    data: { name: "Incident", data: { title: "Checkout is down", severity: "high" } },
  });
  expect(emitted.status()).toBe(202);
  const { event, runs } = (await emitted.json()) as { event: { id: string }; runs: { id: string }[] };
  expect(runs).toHaveLength(1);

  await page.reload();
  const typeRow = page.getByTestId("event-type").filter({ hasText: "Incident" });
  await expect(typeRow).toBeVisible();
  await expect(typeRow.getByText("severity: enum[low, high]")).toBeVisible();
  await expect(typeRow.getByText("No webhook")).toBeVisible();
  const eventRow = page.getByTestId("event-row").filter({ hasText: "Incident" });
  await expect(eventRow).toBeVisible();
  await expect(eventRow.getByRole("link", { name: /Investigate/ })).toBeVisible();
  await screenshots(page, "events", () => expect(eventRow).toBeVisible());
  await expectAccessible(page, "events");

  // Create the webhook: its URL and secret show once, with copy buttons.
  await typeRow.getByRole("button", { name: "Create webhook for Incident" }).click();
  const dialog = page.getByRole("dialog", { name: /Webhook for “Incident”/ });
  await expect(dialog).toBeVisible();
  const secret = (await dialog.getByTestId("webhook-secret").textContent())!;
  const url = (await dialog.getByTestId("webhook-url").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  expect(url).toContain("/api/hooks/");
  expect(url).not.toContain(typeId);
  await expect(dialog.getByRole("button", { name: "Copy secret" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Copy URL" })).toBeVisible();
  await expectAccessible(page, "webhook dialog");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(typeRow.getByText("Webhook on")).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The hook takes a Standard Webhooks signature, no token; a repeated webhook-id starts nothing new.
  const body = JSON.stringify({ title: "Search is slow", severity: "low" });
  const at = new Date();
  const signed = {
    "content-type": "application/json",
    "webhook-id": "msg_e2e_1",
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign("msg_e2e_1", at, body),
  };
  const hooked = await page.request.post(new URL(url).pathname, { headers: signed, data: body });
  expect(hooked.status()).toBe(202);
  const again = await page.request.post(new URL(url).pathname, { headers: signed, data: body });
  expect(again.status()).toBe(200);
  expect((await again.json()).event.id).toBe((await hooked.json()).event.id);
  const bySecret = await page.request.post(`${new URL(url).pathname}?secret=${encodeURIComponent(secret)}`, {
    data: { title: "Search is slow", severity: "low" },
  });
  expect(bySecret.status()).toBe(401);

  // The run page says which event started it, and links back to the event.
  await open(page, `/w/${slug}/runs/${runs[0]!.id}`);
  const started = page.getByTestId("run-event");
  await expect(started).toContainText("Started by event Incident");
  await started.getByRole("link", { name: "Incident" }).click();
  await expect(page).toHaveURL(new RegExp(`/events\\?event=${event.id}`));
  await expect(page.getByRole("heading", { name: "Selected event" })).toBeVisible();

  // Phone width: the page still reads.
  await page.setViewportSize(PHONE);
  await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
  await expect(page.getByTestId("event-row").first()).toBeVisible();
  await expectAccessible(page, "events (phone)");
  await context.close();
});
