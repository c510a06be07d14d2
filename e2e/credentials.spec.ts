import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

const SECRET = "sk-ant-e2e-Vq7Rb2Xw9Lp4Hz6Kd3Tn";
const ROTATED = "sk-ant-e2e-Mj5Sc8Yf1Ge0Wa2Uo7Qx";

test("credentials: add, rename, rotate and delete, and a secret is never shown again", async ({ browser }) => {
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
  await row.getByRole("button", { name: "Rename Anthropic production" }).click();
  const rename = page.getByRole("dialog", { name: /Rename “Anthropic production”/ });
  await rename.getByLabel("Name").fill("Anthropic main");
  await rename.getByRole("button", { name: "Rename" }).click();
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
