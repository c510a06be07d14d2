import { afterEach, describe, expect, it } from "vitest";
import { POST as createInvite } from "@/app/api/v1/invites/route";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, uniqueEmail } from "../support/factory";
import { decoded, mailsTo, useSmtp } from "../support/mail";
import { startSmtpServer } from "../support/smtp-server";

afterEach(() => useSmtp(undefined));

/** A user who has opened their verification link. */
async function verifiedUser(label: string) {
  const user = await makeUser(label);
  await db.user.update({ where: { id: user.userId }, data: { emailVerified: new Date() } });
  return user;
}

describe("invite emails", () => {
  it("are not sent without SMTP_URL: the link is only returned", async () => {
    useSmtp(undefined);
    const owner = await makeUser("mail-none");
    const res = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: uniqueEmail("guest") }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailed: false, emailError: null });
    expect(res.body.url).toContain("/invite/");
  });

  it("go to the invited address through SMTP with the link, the workspace and the role", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const owner = await verifiedUser("mail-owner");
      const guest = uniqueEmail("mail-guest");
      const res = await call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest, role: "admin" }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ emailed: true, emailError: null });
      // The owner's own sign-up mailed them a verification link; the invite went to the guest.
      expect(mailsTo(smtp.received, guest)).toHaveLength(1);
      const mail = mailsTo(smtp.received, guest)[0]!;
      expect(mail.to).toEqual([guest]);
      expect(mail.from).toBe("invites@loopllama.test");
      const { name } = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
      const body = decoded(mail.raw);
      expect(body).toContain(`Subject: ${owner.email} invited you to ${name} on LoopLlama`);
      expect(body).toContain(res.body.url);
      expect(body).toContain("as admin");
    } finally {
      await smtp.close();
    }
  });

  it("are refused to an inviter who has not verified their own address, and nothing is sent", async () => {
    const smtp = await startSmtpServer();
    try {
      useSmtp(smtp.url);
      const owner = await makeUser("mail-unverified");
      const guest = uniqueEmail("mail-unverified-guest");
      const res = await call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest }),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("email_unverified");
      expect(res.body.error.message).toMatch(/^Verify your email address before you invite members/);
      expect(mailsTo(smtp.received, guest)).toHaveLength(0);
      expect(await db.invite.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);

      await db.user.update({ where: { id: owner.userId }, data: { emailVerified: new Date() } });
      const again = await call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest }),
      );
      expect(again.status).toBe(201);
      expect(mailsTo(smtp.received, guest)).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("that the mail server refuses keep the invite and say why", async () => {
    const smtp = await startSmtpServer({ rejectWith: "Mailbox unavailable" });
    try {
      useSmtp(smtp.url);
      const owner = await verifiedUser("mail-refused");
      const guest = uniqueEmail("mail-refused-guest");
      const res = await call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest }),
      );
      expect(res.status).toBe(201);
      expect(res.body.emailed).toBe(false);
      expect(res.body.emailError).toContain("Mailbox unavailable");
      const stored = await db.invite.findFirst({ where: { workspaceId: owner.workspaceId, email: guest } });
      expect(stored).not.toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it("to an unreachable server fail fast and keep the invite", async () => {
    const smtp = await startSmtpServer();
    await smtp.close(); // nothing listens on that port any more
    useSmtp(smtp.url);
    const owner = await verifiedUser("mail-down");
    const res = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: uniqueEmail("mail-down-guest") }),
    );
    expect(res.status).toBe(201);
    expect(res.body.emailed).toBe(false);
    expect(res.body.emailError).toMatch(/could not be reached|refused/);
  });
});
