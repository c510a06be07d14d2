import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Account, Profile, User } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { makeUser, uniqueEmail } from "../support/factory";

/** A local server that answers GET /user/emails as GitHub does, per access token. */
const emailsByToken = new Map<string, { email: string; primary: boolean; verified: boolean }[]>();
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const emails = emailsByToken.get(token);
    if (req.url !== "/user/emails" || !emails) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "Bad credentials" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(emails));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.GITHUB_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resetEnv();
});

afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  resetEnv();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let nextId = 1;

/** Runs next-auth's signIn callback as a GitHub sign-in would, with GitHub reporting `emails`. */
async function githubSignIn(email: string, emails: { email: string; primary: boolean; verified: boolean }[]) {
  const accessToken = `gho_${nextId}`;
  const providerAccountId = `gh-${Date.now()}-${nextId++}`;
  emailsByToken.set(accessToken, emails);
  const user = { id: providerAccountId, email, name: "Octo", image: null } as User;
  const account = { provider: "github", type: "oauth", providerAccountId, access_token: accessToken } as Account;
  const result = await authOptions().callbacks!.signIn!({ user, account, profile: { email } as Profile });
  return { result, user, providerAccountId };
}

const linkedAccounts = (providerAccountId: string) =>
  db.account.findMany({ where: { provider: "github", providerAccountId } });

describe("GitHub sign-in", () => {
  it("refuses an email GitHub has not verified, even for a verified local account", async () => {
    const local = await makeUser("gh-unverified");
    await db.user.update({ where: { id: local.userId }, data: { emailVerified: new Date() } });
    const { result, providerAccountId } = await githubSignIn(local.email, [
      { email: local.email, primary: true, verified: false },
    ]);
    expect(result).toBe("/signin?error=OAuthEmailUnverified");
    expect(await linkedAccounts(providerAccountId)).toHaveLength(0);
  });

  it("refuses to join a local account whose own email is not verified", async () => {
    const local = await makeUser("gh-local-unverified");
    const { result, providerAccountId } = await githubSignIn(local.email, [
      { email: local.email, primary: true, verified: true },
    ]);
    expect(result).toBe("/signin?error=OAuthAccountUnverified");
    expect(await linkedAccounts(providerAccountId)).toHaveLength(0);
  });

  it("links when both GitHub and the local account have verified the email", async () => {
    const local = await makeUser("gh-both");
    await db.user.update({ where: { id: local.userId }, data: { emailVerified: new Date() } });
    const { result, user, providerAccountId } = await githubSignIn(local.email.toUpperCase(), [
      { email: "other@example.test", primary: true, verified: true },
      { email: local.email, primary: false, verified: true },
    ]);
    expect(result).toBe(true);
    expect(user.id).toBe(local.userId);
    expect((await linkedAccounts(providerAccountId)).map((a) => a.userId)).toEqual([local.userId]);
  });

  it("creates a verified account for a new verified email, and refuses when GitHub cannot be asked", async () => {
    const email = uniqueEmail("gh-new");
    const { result, user } = await githubSignIn(email, [{ email, primary: true, verified: true }]);
    expect(result).toBe(true);
    const created = await db.user.findUniqueOrThrow({ where: { email } });
    expect(created.id).toBe(user.id);
    expect(created.emailVerified).not.toBeNull();

    const unknownToken = { id: "x", email: uniqueEmail("gh-down"), name: null, image: null } as User;
    const refused = await authOptions().callbacks!.signIn!({
      user: unknownToken,
      account: { provider: "github", type: "oauth", providerAccountId: "gh-down", access_token: "revoked" } as Account,
    });
    expect(refused).toBe("/signin?error=OAuthNoEmail");
  });
});
