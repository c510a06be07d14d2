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

test("events: the page creates an event type, turns on its webhook and emits a test event that starts a run", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Ezra Emit", email: uniqueEmail("emit") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };
  await open(page, `/w/${slug}/events`);
  await expect(page.getByText("No event types yet")).toBeVisible();

  // A new type, with typed fields: a bad field name is named, then it saves.
  await page.getByRole("button", { name: "New event type" }).first().click();
  const create = page.getByRole("dialog", { name: "New event type" });
  await create.getByLabel("Name", { exact: true }).fill("Alert");
  await create.getByLabel("Field 1 name").fill("bad name");
  await create.getByRole("button", { name: "Create event type" }).click();
  await expect(create.getByText("Use a field name of letters, digits and _ (at most 40)")).toBeVisible();
  await create.getByLabel("Field 1 name").fill("title");
  await create.getByRole("button", { name: "Add field" }).click();
  await create.getByLabel("Field 2 name").fill("severity");
  await create.getByLabel("Field 2 type").selectOption("enum");
  await create.getByLabel("Field 2 values").fill("low, high");
  await expectAccessible(page, "new event type dialog");
  await screenshots(page, "events-new-type", () => expect(create.getByLabel("Field 2 values")).toBeVisible());
  await create.getByRole("button", { name: "Create event type" }).click();
  await expect(create).toBeHidden();
  const typeRow = page.getByTestId("event-type").filter({ hasText: "Alert" });
  await expect(typeRow.getByText("title: str")).toBeVisible();
  await expect(typeRow.getByText("severity: enum[low, high]")).toBeVisible();

  // Its webhook: the whsec_ secret shows once, with how to sign.
  await typeRow.getByRole("button", { name: "Create webhook for Alert" }).click();
  const hook = page.getByRole("dialog", { name: /Webhook for “Alert”/ });
  await expect(hook.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await expect(hook.getByText(/webhook-signature/)).toBeVisible();
  await hook.getByRole("button", { name: "Done" }).click();
  await expect(typeRow.getByText("Webhook on")).toBeVisible();

  // A workflow that starts on it; the test event from the page starts its run.
  const workflow = await page.request.post("/api/v1/workflows", {
    headers,
    data: {
      name: "Triage alert",
      graph: {
        start: "look",
        trigger: { event: "Alert" },
        nodes: [{ id: "look", role: "triager", systemPrompt: "Triage {{ event.title }}." }],
        edges: [{ from: "look", to: "END" }],
      },
    },
  });
  expect(workflow.status()).toBe(201);
  await typeRow.getByRole("button", { name: "Emit test event of Alert" }).click();
  const emit = page.getByRole("dialog", { name: /Emit a test “Alert” event/ });
  await emit.getByRole("button", { name: "Emit event" }).click();
  await expect(emit.getByText("Title is required")).toBeVisible();
  await expect(emit.getByText("Severity is required")).toBeVisible();
  await emit.getByLabel("title").fill("Disk is full");
  await emit.getByLabel("severity").selectOption("high");
  await emit.getByRole("button", { name: "Emit event" }).click();
  const emitted = emit.getByTestId("emitted-event");
  await expect(emitted.getByText("Event emitted: it started 1 run.")).toBeVisible();
  await expect(emitted.getByRole("link", { name: /Triage alert/ })).toBeVisible();
  await expectAccessible(page, "emitted event");
  await screenshots(page, "events-emitted", () => expect(emitted).toBeVisible());
  await emit.getByRole("button", { name: "Done" }).click();

  // The list shows it with its run, as the API does.
  const eventRow = page.getByTestId("event-row").filter({ hasText: "Alert" });
  await expect(eventRow.getByRole("link", { name: /Triage alert/ })).toBeVisible();
  const events = await (await page.request.get("/api/v1/events?name=Alert", { headers })).json();
  expect(events.data).toHaveLength(1);
  expect(events.data[0]).toMatchObject({ source: "api", data: { title: "Disk is full", severity: "high" } });
  expect(events.data[0].runs).toHaveLength(1);
  await context.close();
});

test("events: a pushed project's sensors show what the server hosts, each polling sensor running with its last poll and change", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Sam Sensors", email: uniqueEmail("sensors") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };

  // A project with a webhook sensor, a polling sensor and a nightly workflow, pushed through the API.
  const pushed = await page.request.post("/api/v1/projects/import", {
    headers,
    data: {
      files: {
        "registry.yml": "events:\n  Alert: { fields: { title: str, link: url } }\n",
        "workflows/triage/look.md": "---\non: Alert\n---\n\nLook at {{ event.title }}.\n",
        "workflows/nightly/scan.md": '---\non: cron("0 3 * * *")\n---\n\nScan the night\'s changes.\n',
        "sensors/hook.yml":
          'webhook: { path: alerts, verify: none }\nemits: Alert\nmap: { title: "{{ payload.title }}", link: "{{ payload.link }}" }\n',
        "sensors/status.yml":
          'poll: { url: "https://status.example.com/api/state.json", schedule: cron("*/5 * * * *") }\nemits: Alert\nmap: { title: "{{ payload.title }}", link: "{{ payload.link }}" }\n',
      },
    },
  });
  expect(pushed.status()).toBe(200);

  await open(page, `/w/${slug}/events`);
  const section = page.getByRole("region", { name: "Project sensors" });
  await expect(section.getByTestId("sensors-summary")).toHaveText("Hosting 1 sensor webhook · 2 schedules armed");
  await expect(section.getByText(`/api/hooks/sensors/${slug}/alerts`)).toBeVisible();
  await expect(section.getByTestId("poll-status")).toHaveText("running · last poll never · last change never");
  const hosting = await (await page.request.get("/api/v1/projects/hosting", { headers })).json();
  expect(hosting.summary).toBe("hosting 1 sensor webhook · 2 schedules armed");
  await expectAccessible(page, "project sensors");
  await screenshots(page, "events-sensors", () => expect(section).toBeVisible());
  await context.close();
});
