import { expect, test, type Page, type Request } from "@playwright/test";
import { newContext, open, PASSWORD, screenshots, signUp, uniqueEmail } from "./support/pages";

/** Every request that carries the password, in its URL or its body. */
function passwordLeaks(page: Page): string[] {
  const leaks: string[] = [];
  page.on("request", (r: Request) => {
    const body = r.postData() ?? "";
    // The sign-up API call itself is the one place the password belongs.
    if (r.url().includes(encodeURIComponent(PASSWORD)) || r.url().includes(PASSWORD))
      leaks.push(`${r.method()} ${r.url()}`);
    else if (body.includes(PASSWORD) && !new URL(r.url()).pathname.startsWith("/api/"))
      leaks.push(`${r.method()} ${r.url()}`);
  });
  return leaks;
}

test.setTimeout(180_000);

test("without JavaScript the sign-up form is disabled, and even a forced submit sends nothing", async ({ browser }) => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  const leaks = passwordLeaks(page);
  await page.goto("/signup");
  await expect(page.getByLabel("Password")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Create account" })).toBeDisabled();
  await screenshots(page, "signup-before-hydration", () => expect(page.getByLabel("Email")).toBeVisible());

  // Lift the disabled fieldset by hand and submit anyway: the form's action requests nothing.
  await page.evaluate(
    ([email, password]) => {
      for (const f of document.querySelectorAll("fieldset")) f.disabled = false;
      (document.querySelector('input[name="email"]') as HTMLInputElement).value = email!;
      (document.querySelector('input[type="password"]') as HTMLInputElement).value = password!;
    },
    [uniqueEmail("nojs"), PASSWORD],
  );
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Password").press("Enter");
  await page.waitForTimeout(500);
  expect(new URL(page.url()).pathname).toBe("/signup");
  expect(new URL(page.url()).search).toBe("");
  await expect(page.getByLabel("Password")).toHaveValue(PASSWORD);
  expect(leaks).toEqual([]);
  await context.close();
});

test("before hydration the form waits; once hydrated, sign-up works", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const leaks = passwordLeaks(page);
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/.*\.js/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto("/signup", { waitUntil: "commit" });
  await expect(page.getByRole("button", { name: "Create account" })).toBeDisabled();
  await expect(page.getByLabel("Email")).toBeDisabled();
  release();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
  await expect(page.getByLabel("Name")).toBeFocused();
  await signUp(page, { name: "Early Bird", email: uniqueEmail("early") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  expect(leaks).toEqual([]);
  await context.close();
});

test("the run page and the runs list show the estimated cost in USD", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Cost Watcher", email: uniqueEmail("cost") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);

  await page.getByRole("button", { name: "New workflow" }).click();
  const create = page.getByRole("dialog", { name: "Create a workflow" });
  await create.getByLabel("Name").fill("Costed");
  await create.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+$/);
  await page.getByLabel("Input", { exact: true }).fill("What does a run cost?");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/?]+$/);
  await expect(page.getByRole("definition").filter({ hasText: "Completed" })).toBeVisible({ timeout: 60_000 });

  const cost = /^(\$\d+\.\d{2,4}|<\$0\.0001)$/;
  await expect(page.getByTestId("run-cost")).toHaveText(cost);
  await expect(page.getByTestId("step-cost")).toHaveCount(2);
  for (const step of await page.getByTestId("step-cost").all()) await expect(step).toHaveText(cost);
  await screenshots(page, "run-cost", () => expect(page.getByTestId("run-cost")).toBeVisible());

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Runs" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByRole("columnheader", { name: "Cost" })).toBeVisible();
  await expect(page.getByTestId("run-row").getByTestId("run-cost")).toHaveText(cost);
  await screenshots(page, "runs-cost", () => expect(page.getByTestId("run-row")).toHaveCount(1));
  await context.close();
});

test("public/ serves the app icon and robots.txt", async ({ request, page }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain("Disallow: /invite/");
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  // Browsers ask for /favicon.ico themselves: it is the same icon, not a 404 in the console.
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/svg+xml");
  await page.goto("/signin");
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /\/icon\.svg/);
});
