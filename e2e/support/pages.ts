import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

/**
 * A fresh browser context with its own client address (the server trusts one
 * proxy hop: playwright.config.ts), so the per-address sign-up and sign-in
 * limits of one run do not spill into the next.
 */
export async function newContext(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<BrowserContext> {
  const octet = () => 1 + (randomBytes(1)[0]! % 250);
  const context = await browser.newContext({
    viewport: DESKTOP,
    ...options,
    extraHTTPHeaders: { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` },
  });
  const violations: string[] = [];
  cspViolations.set(context, violations);
  context.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push(`${m.page()?.url()}: ${m.text()}`);
  });
  return context;
}

/** What the browser reported as blocked by the pages' Content-Security-Policy, per context from newContext. */
const cspViolations = new WeakMap<BrowserContext, string[]>();

/** Closes a context from newContext, checking first that no page of it broke the Content-Security-Policy. */
export async function closeContext(context: BrowserContext): Promise<void> {
  expect(cspViolations.get(context) ?? []).toEqual([]);
  await context.close();
}

/**
 * The Origin a browser sends with a write from our own pages. API calls made
 * with the page's session cookie (page.request) must send it too: the server
 * refuses cookie-authenticated writes from anywhere else.
 */
export function sameOrigin(): { origin: string } {
  return { origin: new URL(test.info().project.use.baseURL!).origin };
}

/** Opens a page and waits until React has hydrated it. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Saves a screenshot at desktop and phone width, then restores the desktop size. */
export async function screenshots(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const [size, viewport] of [
    ["1280", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await ready();
    await page.screenshot({ path: `test-results/screenshots/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

export async function signUp(page: Page, input: { name: string; email: string }): Promise<void> {
  await page.getByLabel("Name").fill(input.name);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function openWorkspaceSwitcher(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Switch workspace/ }).click();
  await expect(page.getByRole("menu")).toBeVisible();
}
