import { afterEach, describe, expect, it } from "vitest";
import { POST as acceptInvite } from "@/app/api/invites/[token]/route";
import { POST as signupRoute } from "@/app/api/signup/route";
import { POST as createInvite } from "@/app/api/v1/invites/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { POST as resendRoute } from "@/app/api/verify-email/resend/route";
import { POST as verifyRoute } from "@/app/api/verify-email/route";
import { resendVerification, RESEND_LIMIT_PER_HOUR } from "@/lib/auth/resend-verification";
import { CHECK_EMAIL_MESSAGE } from "@/lib/auth/sign-up";
import { hashSecret } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, sessionCookie, uniqueEmail } from "../support/factory";
import { decoded, mailsTo, useSmtp } from "../support/mail";
import { startSmtpServer } from "../support/smtp-server";

afterEach(() => useSmtp(undefined));

/** The token of the newest verification link mailed to `email`. */
function linkToken(received: Parameters<typeof mailsTo>[0], email: string): string {
  const mails = mailsTo(received, email);
  const body = decoded(mails[mails.length - 1]?.raw ?? "");
  const match = /\/verify-email\/([0-9A-Za-z]+)/.exec(body);
  if (!match) throw new Error(`no verification link mailed to ${email}`);
  return match[1]!;
}

const verify = (token: string, cookie: string | null) =>
  call(verifyRoute, apiRequest("POST", "/api/verify-email", cookie ? { cookie } : null, { token }));

async function inviteTo(email: string) {
  const owner = await makeUser("ev-owner");
  // Where mail is configured only a verified member may invite.
  await db.user.update({ where: { id: owner.userId }, data: { emailVerified: new Date() } });
  const invite = await call(createInvite, apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email }));
  expect(invite.status).toBe(201);
  return invite.body.url.split("/invite/")[1] as string;
}

describe("email verification with SMTP configured", () => {
  it("sign-up mails a single-use link (stored hashed); until it is opened the account cannot accept an invite", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const email = uniqueEmail("ev-signup");
      const signup = await call(
        signupRoute,
        apiRequest("POST", "/api/signup", null, { email, password: "a good password" }),
      );
      expect(signup.status).toBe(202);
      expect(signup.body).toEqual({ status: "check_email", message: CHECK_EMAIL_MESSAGE });
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      expect(user.emailVerified).toBeNull();

      const token = linkToken(smtp.received, email);
      const body = decoded(mailsTo(smtp.received, email)[0]!.raw);
      expect(body).toContain(`http://localhost:3000/verify-email/${token}`);
      const stored = await db.emailVerificationToken.findMany({ where: { userId: user.id } });
      expect(stored).toHaveLength(1);
      expect(stored[0]!.tokenHash).toBe(hashSecret(token));
      expect(JSON.stringify(stored)).not.toContain(token);

      const cookie = await sessionCookie(user.id, email);
      const inviteToken = await inviteTo(email);
      const refused = await call(acceptInvite, apiRequest("POST", `/api/invites/${inviteToken}`, { cookie }), {
        token: inviteToken,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("email_unverified");
      expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);

      const verified = await verify(token, cookie);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ email, verified: true });
      expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).not.toBeNull();

      const again = await verify(token, cookie);
      expect(again.status).toBe(404);

      // The refused invite is still usable once the address is proved.
      const accepted = await call(acceptInvite, apiRequest("POST", `/api/invites/${inviteToken}`, { cookie }), {
        token: inviteToken,
      });
      expect(accepted.status).toBe(200);
    } finally {
      await smtp.close();
    }
  });

  it("sign-up answers the same for an address that has an account, and mails its owner instead", async () => {
    const smtp = await startSmtpServer();
    try {
      // The account exists from before mail was set up, so the only mail is the one this test is about.
      const owner = await makeUser("ev-exists");
      useSmtp(smtp.url);
      const before = await db.user.findUniqueOrThrow({ where: { id: owner.userId } });
      const fresh = await call(
        signupRoute,
        apiRequest("POST", "/api/signup", null, { email: uniqueEmail("ev-fresh"), password: "a good password" }),
      );
      const taken = await call(
        signupRoute,
        apiRequest("POST", "/api/signup", null, { email: owner.email.toUpperCase(), password: "another password" }),
      );
      expect(taken.status).toBe(fresh.status);
      expect(taken.body).toEqual(fresh.body);
      expect(JSON.stringify(taken.body)).not.toMatch(/exists|already/i);

      const mails = mailsTo(smtp.received, owner.email);
      expect(mails).toHaveLength(1);
      const body = decoded(mails[0]!.raw);
      expect(body).toContain("Someone tried to sign up for LoopLlama with your address");
      expect(body).toContain("You already have an account, so nothing was created and nothing changed.");
      expect(body).not.toContain("/verify-email/");
      // Nothing about the account changed: no second user, same password, no verification link.
      const after = await db.user.findUniqueOrThrow({ where: { id: owner.userId } });
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(await db.user.count({ where: { email: owner.email } })).toBe(1);
      expect(await db.emailVerificationToken.count({ where: { userId: owner.userId } })).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it("verifies only the signed-in account the link was sent for, so a squatter is not verified by the owner's click", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      // Someone signs up with an address that is not theirs; its owner gets the mail.
      const email = uniqueEmail("ev-squat");
      const signup = await call(
        signupRoute,
        apiRequest("POST", "/api/signup", null, { email, password: "a good password" }),
      );
      expect(signup.status).toBe(202);
      const squatter = await db.user.findUniqueOrThrow({ where: { email } });
      const token = linkToken(smtp.received, email);

      // The owner clicks, signed out or signed in as their own other account: nothing is verified.
      const signedOut = await verify(token, null);
      expect(signedOut.status).toBe(401);
      const owner = await makeUser("ev-owner-self");
      const other = await verify(token, owner.cookie);
      expect(other.status).toBe(403);
      expect(other.body.error.message).toMatch(/Sign in as the account that signed up with this address/);
      expect((await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).emailVerified).toBeNull();
      expect((await db.user.findUniqueOrThrow({ where: { id: owner.userId } })).emailVerified).toBeNull();

      // An API token is not a session either.
      const token2 = await call(
        createTokenRoute,
        apiRequest("POST", "/api/v1/tokens", { cookie: owner.cookie }, { name: "t" }),
      );
      expect((await call(verifyRoute, apiRequest("POST", "/x", { token: token2.body.token }, { token }))).status).toBe(
        403,
      );

      // The refused clicks used nothing up: the account the link was sent for, signed in, is verified.
      const mine = await verify(token, await sessionCookie(squatter.id, email));
      expect(mine.status).toBe(200);
      expect((await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).emailVerified).not.toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it("refuses an expired link and an unknown one", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const u = await makeUser("ev-expired");
      const token = linkToken(smtp.received, u.email);
      await db.emailVerificationToken.updateMany({
        where: { userId: u.userId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect((await verify(token, u.cookie)).status).toBe(404);
      expect((await verify("nonsense", u.cookie)).status).toBe(404);
      expect((await verify("not/a/token", u.cookie)).status).toBe(400);
      expect((await db.user.findUniqueOrThrow({ where: { id: u.userId } })).emailVerified).toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it("resends a new link (the old one stops working), a few times an hour", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const u = await makeUser("ev-resend");
      const first = linkToken(smtp.received, u.email);
      const res = await call(resendRoute, apiRequest("POST", "/api/verify-email/resend", { cookie: u.cookie }));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ email: u.email, emailed: true, emailError: null });
      expect(mailsTo(smtp.received, u.email)).toHaveLength(2);
      const second = linkToken(smtp.received, u.email);
      expect(second).not.toBe(first);
      expect((await verify(first, u.cookie)).status).toBe(404);

      for (let i = 1; i < RESEND_LIMIT_PER_HOUR; i++) {
        expect((await call(resendRoute, apiRequest("POST", "/x", { cookie: u.cookie }))).status).toBe(202);
      }
      const limited = await call(resendRoute, apiRequest("POST", "/x", { cookie: u.cookie }));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(mailsTo(smtp.received, u.email)).toHaveLength(1 + RESEND_LIMIT_PER_HOUR);

      // The newest link still works; a verified account has nothing to resend.
      expect((await verify(linkToken(smtp.received, u.email), u.cookie)).status).toBe(200);
      await expect(resendVerification(u.userId)).rejects.toMatchObject({ status: 409 });
    } finally {
      await smtp.close();
    }
  });

  it("resend needs a signed-in user, not an API token, and a same-site request", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const u = await makeUser("ev-resend-auth");
      expect((await call(resendRoute, apiRequest("POST", "/x", null))).status).toBe(401);
      expect((await call(resendRoute, apiRequest("POST", "/x", { token: u.token }))).status).toBe(403);
      const crossSite = await call(
        resendRoute,
        apiRequest("POST", "/x", { cookie: u.cookie }, undefined, { origin: "https://evil.example" }),
      );
      expect(crossSite.status).toBe(403);
      expect(mailsTo(smtp.received, u.email)).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});

describe("without SMTP (local use)", () => {
  it("nothing is mailed and the invite link alone is the proof", async () => {
    useSmtp(undefined);
    const guest = await makeUser("ev-local");
    expect(await db.emailVerificationToken.count({ where: { userId: guest.userId } })).toBe(0);
    const inviteToken = await inviteTo(guest.email);
    const accepted = await call(
      acceptInvite,
      apiRequest("POST", `/api/invites/${inviteToken}`, { cookie: guest.cookie }),
      { token: inviteToken },
    );
    expect(accepted.status).toBe(200);
    expect((await call(resendRoute, apiRequest("POST", "/x", { cookie: guest.cookie }))).status).toBe(409);
  });
});
