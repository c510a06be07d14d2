import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

const SECRET = "sk-ant-e2e-Vq7Rb2Xw9Lp4Hz6Kd3Tn";
const ROTATED = "sk-ant-e2e-Mj5Sc8Yf1Ge0Wa2Uo7Qx";

test("credentials: add, edit, rotate and delete, and a secret is never shown again", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Cora Creds", email: uniqueEmail("creds") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Credentials" }).click();
  await expect(page.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
  await expect(page.getByText("No credentials yet")).toBeVisible();
  await screenshots(page, "credentials-empty", () => expect(page.getByText("No credentials yet")).toBeVisible());
  await expectAccessible(page, "credentials (empty)");

  // Add one: the form names the missing fields, then saves; the secret field is write-only.
  await page.getByRole("button", { name: "Add credential" }).first().click();
  const add = page.getByRole("dialog", { name: "Add credential" });
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add.getByText("Name is required")).toBeVisible();
  await add.getByLabel("Name").fill("Anthropic production");
  await add.getByLabel("Kind").selectOption("anthropic");
  await expect(add.getByLabel("Secret")).toHaveAttribute("type", "password");
  await add.getByLabel("Secret").fill(SECRET);
  await expectAccessible(page, "add credential dialog");
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add).toBeHidden();

  const row = page.getByTestId("credential-row").filter({ hasText: "Anthropic production" });
  await expect(row).toBeVisible();
  await expect(row.getByText(`Secret ending in ${SECRET.slice(-4)}`).first()).toBeAttached();
  await expect(row.getByText("Never", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  await screenshots(page, "credentials", () => expect(row).toBeVisible());
  await expectAccessible(page, "credentials");

  // The API shows the same, without the secret.
  const listed = await page.request.get("/api/v1/credentials", { headers: { "x-workspace": slug } });
  expect(listed.status()).toBe(200);
  const listedText = await listed.text();
  expect(listedText).not.toContain(SECRET);
  expect(JSON.parse(listedText).data[0]).toMatchObject({ name: "Anthropic production", lastFour: SECRET.slice(-4) });

  // Rename.
  await row.getByRole("button", { name: "Edit Anthropic production" }).click();
  const rename = page.getByRole("dialog", { name: /Edit “Anthropic production”/ });
  await rename.getByLabel("Name").fill("Anthropic main");
  await rename.getByRole("button", { name: "Save changes" }).click();
  await expect(rename).toBeHidden();
  const renamed = page.getByTestId("credential-row").filter({ hasText: "Anthropic main" });
  await expect(renamed).toBeVisible();

  // Rotate: the new last four shows, the old and new secrets never do.
  await renamed.getByRole("button", { name: "Rotate Anthropic main" }).click();
  const rotate = page.getByRole("dialog", { name: /Rotate “Anthropic main”/ });
  await expect(rotate.getByLabel("New secret")).toHaveValue("");
  await rotate.getByLabel("New secret").fill(ROTATED);
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  await expect(rotate).toBeHidden();
  await expect(renamed.getByText(`Secret ending in ${ROTATED.slice(-4)}`).first()).toBeAttached();
  const html = await page.content();
  expect(html).not.toContain(SECRET);
  expect(html).not.toContain(ROTATED);

  // Delete, with confirmation.
  await renamed.getByRole("button", { name: "Delete Anthropic main" }).click();
  const confirm = page.getByRole("dialog", { name: /Delete “Anthropic main”/ });
  await expectAccessible(page, "delete credential dialog");
  await confirm.getByRole("button", { name: "Delete credential" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No credentials yet")).toBeVisible();
  const after = await page.request.get("/api/v1/credentials", { headers: { "x-workspace": slug, ...sameOrigin() } });
  expect((await after.json()).data).toEqual([]);

  await context.close();
});

test("credentials: a binding is set, shown and changed, the id is shown, and both editors pick a key", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Bea Binding", email: uniqueEmail("binding") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/[a-z]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const headers = { "x-workspace": slug, ...sameOrigin() };
  await open(page, `/w/${slug}/settings/credentials`);
  await expect(page.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();

  // An OpenAI key bound to a gateway: the form says what a binding is.
  await page.getByRole("button", { name: "Add credential" }).first().click();
  const add = page.getByRole("dialog", { name: "Add credential" });
  await add.getByLabel("Name").fill("Gateway");
  await add.getByLabel("Kind").selectOption("openai");
  await add.getByLabel("Secret").fill(SECRET);
  await expect(add.getByText(/the key is sent only to this endpoint/)).toBeVisible();
  await add.getByLabel("Endpoint (optional)").fill("https://Gateway.example.com/v1/");
  await screenshots(page, "credentials-binding-dialog", () =>
    expect(add.getByLabel("Endpoint (optional)")).toBeVisible(),
  );
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add).toBeHidden();
  const gateway = page.getByTestId("credential-row").filter({ hasText: "Gateway" });
  await expect(gateway.getByTestId("credential-binding")).toHaveText("https://gateway.example.com/v1");

  // An HTTP token must name its hosts.
  await page.getByRole("button", { name: "Add credential" }).first().click();
  await add.getByLabel("Name").fill("GitHub");
  await add.getByLabel("Kind").selectOption("http");
  await add.getByLabel("Secret").fill(ROTATED);
  await expect(add.getByLabel("Endpoint (optional)")).toHaveCount(0);
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add.getByText("Name at least 1 host the token may be sent to")).toBeVisible();
  await add.getByLabel("Hosts").fill("api.github.com, *.githubusercontent.com");
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add).toBeHidden();
  const github = page.getByTestId("credential-row").filter({ hasText: "GitHub" });
  await expect(github.getByTestId("credential-binding")).toHaveText("api.github.com, *.githubusercontent.com");

  // Each row shows its id, to copy for the API.
  const listed = (await (await page.request.get("/api/v1/credentials", { headers })).json()).data as {
    id: string;
    name: string;
  }[];
  const gatewayId = listed.find((c) => c.name === "Gateway")!.id;
  await expect(gateway.getByTestId("credential-id")).toHaveText(gatewayId);
  await expect(gateway.getByRole("button", { name: "Copy id" })).toBeVisible();
  await screenshots(page, "credentials-bindings", () => expect(github).toBeVisible());
  await expectAccessible(page, "credentials with bindings");

  // Edit: back to OpenAI's own API.
  await gateway.getByRole("button", { name: "Edit Gateway" }).click();
  const edit = page.getByRole("dialog", { name: /Edit “Gateway”/ });
  await expect(edit.getByLabel("Endpoint (optional)")).toHaveValue("https://gateway.example.com/v1");
  await edit.getByLabel("Endpoint (optional)").fill("");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(gateway.getByTestId("credential-binding")).toHaveText("OpenAI's API");

  // The crew editor picks the key for an agent's model: only OpenAI keys for an OpenAI model.
  const crew = await page.request.post("/api/v1/workflows", {
    headers,
    data: { name: "Keyed crew", crew: [{ role: "writer", systemPrompt: "Write.", model: "gpt-4o" }] },
  });
  expect(crew.status()).toBe(201);
  const crewId = (await crew.json()).id as string;
  await open(page, `/w/${slug}/workflows/${crewId}`);
  const card = page.getByTestId("agent-card").first();
  const key = card.getByLabel("API key");
  await expect(key.locator("option")).toHaveText(["The server's key", "Gateway · OpenAI's API"]);
  await key.selectOption({ label: "Gateway · OpenAI's API" });
  await screenshots(page, "crew-credential-picker", () => expect(key).toBeVisible());
  await page.getByRole("button", { name: "Save crew" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  const savedCrew = await (await page.request.get(`/api/v1/workflows/${crewId}/crew`, { headers })).json();
  expect(savedCrew.crew[0].model).toEqual({ provider: "openai", model: "gpt-4o", credentialId: gatewayId });

  // The graph editor's inspector does the same for a node.
  const graph = await page.request.post("/api/v1/workflows", {
    headers,
    data: {
      name: "Keyed graph",
      graph: {
        start: "draft",
        nodes: [{ id: "draft", role: "writer", systemPrompt: "Write.", model: "gpt-4o" }],
        edges: [{ from: "draft", to: "END" }],
      },
    },
  });
  expect(graph.status()).toBe(201);
  const graphId = (await graph.json()).id as string;
  await open(page, `/w/${slug}/workflows/${graphId}?edit=graph`);
  await page
    .getByTestId("graph-canvas")
    .getByRole("group", { name: /^Node draft:/ })
    .click();
  const inspector = page.getByRole("region", { name: "Inspector" });
  await inspector.getByLabel("API key").selectOption({ label: "Gateway · OpenAI's API" });
  await page.getByLabel("Note").fill("use the gateway key");
  await page.getByRole("button", { name: "Save graph" }).click();
  await expect(page.getByText(/^Saved as version \d+\.$/)).toBeVisible();
  const savedGraph = await (await page.request.get(`/api/v1/workflows/${graphId}/graph`, { headers })).json();
  expect(savedGraph.graph.nodes[0].model).toEqual({ provider: "openai", model: "gpt-4o", credentialId: gatewayId });

  await context.close();
});
