import { expect, test, type Page } from "@playwright/test";
import { navItems } from "../components/dashboard/nav-items";
import { expectAccessible } from "./support/axe";
import {
  closeContext,
  DESKTOP,
  newContext,
  open,
  openWorkspaceSwitcher,
  PASSWORD,
  PHONE,
  screenshots,
  signIn,
  signUp,
  uniqueEmail,
} from "./support/pages";

/** A workspace opens on the first page of the sidebar navigation. */
const firstPage = navItems[0]!.segment;
const workspaceHome = (slug = "[^/]+") => new RegExp(`/w/${slug}/${firstPage}$`);

async function openTokensPage(page: Page) {
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
}

test("sign up, workspaces, tokens, invites and roles, sign out and in", async ({ browser }) => {
  const ownerContext = await newContext(browser);
  const page = await ownerContext.newPage();
  const ownerEmail = uniqueEmail("owner");

  // Sign-in page, then sign up from it.
  await open(page, "/signin");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: /GitHub/ })).toHaveCount(0);
  await screenshots(page, "signin", () => expect(page.getByLabel("Password")).toBeVisible());
  await expectAccessible(page, "sign-in");

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await expectAccessible(page, "sign-up");
  await signUp(page, { name: "Olivia Owner", email: ownerEmail });

  // Lands in the personal workspace, on its first page.
  await expect(page).toHaveURL(workspaceHome());
  const personalSlug = new URL(page.url()).pathname.split("/")[2]!;
  const switcher = page.getByRole("button", { name: /Switch workspace/ });
  await expect(switcher).toContainText("Olivia Owner's workspace");
  await openTokensPage(page);
  await expect(page.getByText("No API tokens yet")).toBeVisible();

  // A second workspace, then switch back and forth.
  await openWorkspaceSwitcher(page);
  await page.getByRole("menuitem", { name: "Create workspace" }).click();
  const createDialog = page.getByRole("dialog", { name: "Create workspace" });
  await createDialog.getByLabel("Name").fill("Research Lab");
  await createDialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(workspaceHome("research-lab[^/]*"));
  await expect(switcher).toContainText("Research Lab");
  const teamSlug = new URL(page.url()).pathname.split("/")[2]!;

  await openWorkspaceSwitcher(page);
  await page.getByRole("menuitem", { name: "Olivia Owner's workspace" }).click();
  await expect(page).toHaveURL(workspaceHome(personalSlug));
  await expect(switcher).toContainText("Olivia Owner's workspace");
  await openWorkspaceSwitcher(page);
  await page.getByRole("menuitem", { name: "Research Lab" }).click();
  await expect(page).toHaveURL(workspaceHome(teamSlug));
  await openTokensPage(page);

  // Create a token: its secret is shown once and works against the API.
  await page.getByRole("button", { name: "Create token" }).first().click();
  const tokenDialog = page.getByRole("dialog", { name: "Create API token" });
  await tokenDialog.getByRole("button", { name: "Create token" }).click();
  await expect(tokenDialog.getByText("Name is required")).toBeVisible();
  await tokenDialog.getByLabel("Name").fill("CI pipeline");
  await tokenDialog.getByRole("button", { name: "Create token" }).click();
  const createdDialog = page.getByRole("dialog", { name: "Token created" });
  await expect(createdDialog.getByText("Copy this token now")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/token-created-1280.png" });
  const secret = await createdDialog.getByTestId("new-token-secret").inputValue();
  expect(secret).toMatch(/^ll_/);
  const meWithToken = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(meWithToken.status()).toBe(200);
  expect((await meWithToken.json()).workspace.slug).toBe(teamSlug);
  await createdDialog.getByRole("button", { name: "Done" }).click();
  await expect(createdDialog).toBeHidden();

  const row = page.getByTestId("token-row").filter({ hasText: "CI pipeline" });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await screenshots(page, "tokens", () => expect(row).toBeVisible());
  await expectAccessible(page, "tokens");

  // Revoke it, with confirmation; the API refuses it at once.
  await row.getByRole("button", { name: "Revoke CI pipeline" }).click();
  const confirm = page.getByRole("dialog", { name: /Revoke “CI pipeline”/ });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText("Revoked")).toBeVisible();
  const meRevoked = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(meRevoked.status()).toBe(401);

  // Invite a member by link.
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  const memberEmail = uniqueEmail("member");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create invite" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByRole("button", { name: "Create invite" }).click();
  const inviteLink = await page.getByLabel("Invite link").inputValue();
  expect(inviteLink).toContain("/invite/");
  await expect(page.getByTestId("invite-row").filter({ hasText: memberEmail })).toBeVisible();
  await screenshots(page, "members", () => expect(page.getByTestId("member-row").first()).toBeVisible());
  await expectAccessible(page, "members");

  // At phone width the sidebar folds into a menu button.
  await page.setViewportSize(PHONE);
  await expect(page.getByRole("link", { name: "Members" })).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  const mobileMenu = page.getByRole("dialog", { name: "Menu" });
  await expect(mobileMenu.getByRole("link", { name: "API tokens" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/menu-390.png" });
  await expectAccessible(page, "phone menu");
  await page.keyboard.press("Escape");
  await expect(mobileMenu).toBeHidden();
  await page.setViewportSize(DESKTOP);

  // The invitee opens the link in another browser, signs up and joins.
  const memberContext = await newContext(browser);
  const memberPage = await memberContext.newPage();
  await open(memberPage, new URL(inviteLink).pathname);
  await expect(memberPage.getByTestId("invite-workspace")).toHaveText("Research Lab");
  await expectAccessible(memberPage, "invite");
  await memberPage.getByRole("link", { name: "Create account" }).click();
  await expect(memberPage.getByLabel("Email")).toHaveValue(memberEmail);
  await signUp(memberPage, { name: "Max Member", email: memberEmail });
  await expect(memberPage).toHaveURL(/\/invite\//);
  await memberPage.getByRole("button", { name: "Join Research Lab" }).click();
  await expect(memberPage).toHaveURL(workspaceHome(teamSlug));
  await openTokensPage(memberPage);
  await expect(memberPage.getByText("Only owners and admins manage API tokens")).toBeVisible();
  await screenshots(memberPage, "tokens-member", () =>
    expect(memberPage.getByText("You can’t manage tokens")).toBeVisible(),
  );

  // The link works once.
  await open(memberPage, new URL(inviteLink).pathname);
  await expect(memberPage.getByText(/expired, has already been used or was revoked/)).toBeVisible();

  // The owner makes the member an admin; the member can then manage tokens.
  await page.reload();
  const memberRow = page.getByTestId("member-row").filter({ hasText: "Max Member" });
  await expect(memberRow).toBeVisible();
  const patched = page.waitForResponse((r) => r.url().includes("/api/v1/members/") && r.request().method() === "PATCH");
  await memberRow.getByLabel("Role of Max Member").selectOption("admin");
  expect((await patched).status()).toBe(200);
  await page.reload();
  await expect(
    page.getByTestId("member-row").filter({ hasText: "Max Member" }).getByLabel("Role of Max Member"),
  ).toHaveValue("admin");
  await open(memberPage, `/w/${teamSlug}/settings/tokens`);
  await expect(memberPage.getByRole("button", { name: "Create token" }).first()).toBeVisible();
  await memberContext.close();

  // Sign out and back in (a wrong password first).
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await signIn(page, ownerEmail, "wrong password here");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn(page, ownerEmail, PASSWORD);
  await expect(page).toHaveURL(workspaceHome(personalSlug));
  await ownerContext.close();
});

test("sign-in errors do not reveal accounts, and rate limiting has its own message", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/signin");
  const email = uniqueEmail("nobody");
  await signIn(page, email, "whatever-password");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  // The default limit is 10 attempts per email in the window; the 11th is refused.
  for (let attempt = 2; attempt <= 11; attempt++) {
    await signIn(page, email, `whatever-password-${attempt}`);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await expect(page.getByText(/Too many sign-in attempts/)).toBeVisible();
  await closeContext(context);
});

test("workspace pages need a session and membership", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/w/someone-elses/settings/members");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  await open(page, "/signup");
  await signUp(page, { name: "Nora Nosy", email: uniqueEmail("nosy") });
  await expect(page).toHaveURL(workspaceHome());
  await open(page, "/w/no-such-workspace-here/settings/members");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "not found");

  await open(page, "/");
  await expect(page).toHaveURL(workspaceHome());
  await closeContext(context);
});

test("the landing page offers sign up and sign in", async ({ page }) => {
  await open(page, "/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign up" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/landing-1280.png", fullPage: true });
  await expectAccessible(page, "landing");
});
