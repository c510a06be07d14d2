import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { closeContext, newContext, open, PHONE, screenshots } from "./support/pages";

test("the docs read without signing in: contents, a guide from the sidebar, links between pages, at phone width too", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/docs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: /docs|documentation|contents/i });
  await expect(sidebar.getByRole("link", { name: "Tools and credentials" })).toBeVisible();
  await screenshots(page, "docs-index", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
  await expectAccessible(page, "docs");
  // Every link from the contents and the concepts to another doc page opens that page, not a 404.
  const hrefs: string[] = [];
  for (const path of ["/docs", "/docs/concepts"]) {
    await open(page, path);
    hrefs.push(
      ...(await page
        .locator("article a[href^='/docs']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("#")[0]!))),
    );
  }
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of new Set(hrefs)) {
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
  }

  await sidebar.getByRole("link", { name: "Tools and credentials" }).click();
  await expect(page).toHaveURL(/\/docs\/guides\/tools-and-credentials$/);
  await expect(page.getByText(/Bound to where it may go/).first()).toBeVisible();
  await screenshots(page, "docs-credentials", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());

  // No page of the docs scrolls sideways on a phone.
  await page.setViewportSize(PHONE);
  for (const path of ["/docs", "/docs/configuration", "/docs/guides/graphs"]) {
    await open(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(1);
  }
  await closeContext(context);
});
