import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newContext, open, sameOrigin, screenshots, signUp, uniqueEmail } from "./support/pages";

test.setTimeout(180_000);

test("billing shows the plan, steps against the allowance and daily usage; without Stripe keys it says so", async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signup");
  await signUp(page, { name: "Bea Billing", email: uniqueEmail("billing") });
  await expect(page).toHaveURL(/\/w\/[^/]+\/workflows$/);
  const slug = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]!);

  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Free plan/ })).toBeVisible();
  await expect(page.getByText("Billing is not configured")).toBeVisible();
  await expect(page.getByText("No usage yet this month")).toBeVisible();
  await expect(page.getByRole("button", { name: /Upgrade to/ })).toHaveCount(0);

  // A run of the default two-agent crew uses two steps.
  const workflow = await page.request.post("/api/v1/workflows", {
    headers: { "x-workspace": slug, ...sameOrigin() },
    data: { name: "Billing demo" },
  });
  expect(workflow.status()).toBe(201);
  const { id } = (await workflow.json()) as { id: string };
  const run = await page.request.post(`/api/v1/workflows/${id}/runs`, {
    headers: { "x-workspace": slug, ...sameOrigin() },
    data: { input: "Summarise the week." },
  });
  expect(run.status()).toBe(202);
  const runId = ((await run.json()) as { id: string }).id;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/v1/runs/${runId}`, { headers: { "x-workspace": slug } });
        return ((await res.json()) as { status: string }).status;
      },
      { timeout: 60_000 },
    )
    .toBe("completed");

  await page.reload();
  const meter = page.getByRole("progressbar", { name: "Workflow steps used this month" });
  await expect(meter).toHaveAttribute("aria-valuenow", "2");
  await expect(page.getByText(/2 of\s+1,000 workflow steps used/)).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeAttached();
  await expect(page.getByText(/2 steps in 1 run ·/)).toBeVisible();
  await expectAccessible(page, "billing");
  await screenshots(page, "billing", () => expect(meter).toBeVisible());
});
