import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { hashSecret } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { openApprovalLink } from "@/lib/runs/approvals/open-approval-link";
import { addMember, makeUser, type TestUser } from "../support/factory";
import { decoded, mailsTo, useSmtp } from "../support/mail";
import { waitFor } from "../support/runs";
import { startSmtpServer } from "../support/smtp-server";
import { createOk } from "../graph/helpers";
import { readRun, reviewed, startRun, waitingAt } from "./helpers";

let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let driver: Driver;

beforeAll(async () => {
  owner = await makeUser("mail-owner");
  admin = await makeUser("mail-admin");
  member = await makeUser("mail-member");
  await addMember(owner.workspaceId, admin.userId, "admin");
  await addMember(owner.workspaceId, member.userId, "member");
  smtp = await startSmtpServer();
  driver = await startDriver({ functions: runCrew, workspaces: [owner.workspaceId], config: { pollMs: 50 } });
});

afterEach(() => useSmtp(undefined));

afterAll(async () => {
  await driver.stop();
  await smtp.close();
});

/** The token of the newest approval link mailed to `email`. */
function linkToken(email: string): string {
  const body = decoded(mailsTo(smtp.received, email).at(-1)?.raw ?? "");
  const match = /\/approval-links\/([0-9A-Za-z]+)/.exec(body);
  if (!match) throw new Error(`no approval link mailed to ${email}`);
  return match[1]!;
}

describe("approval mail", () => {
  it("mails each member holding an approver role a one-time link that needs sign-in and answers nothing", async () => {
    useSmtp(smtp.url);
    const runId = await startRun(owner, await createOk(owner, reviewed({ approvers: ["owner", "admin"] })));
    await waitingAt(owner, runId);
    // Each link is marked mailed once its mail went out.
    await waitFor(async () => (await db.approvalLink.count({ where: { runId, mailedAt: { not: null } } })) === 2);
    // The member may not answer, so is not mailed.
    expect(mailsTo(smtp.received, member.email)).toEqual([]);
    const token = linkToken(admin.email);
    const body = decoded(mailsTo(smtp.received, admin.email)[0]!.raw);
    expect(body).toContain(`http://localhost:3000/approval-links/${token}`);
    expect(body).toContain("Ship this?");
    expect(body).toContain("Sign in to answer it");
    const links = await db.approvalLink.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
    expect(links.map((l) => l.userId).sort()).toEqual([owner.userId, admin.userId].sort());
    expect(links.every((l) => l.mailedAt !== null && l.usedAt === null)).toBe(true);
    expect(links.find((l) => l.userId === admin.userId)!.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(links)).not.toContain(token);

    // Another member's link leads nowhere for them, and trying does not use it up.
    expect(await openApprovalLink(member.userId, token)).toBeNull();
    expect(await openApprovalLink(admin.userId, token)).toEqual({ slug: owner.slug, runId, nodeId: "review" });
    // Single use: the second opening leads nowhere.
    expect(await openApprovalLink(admin.userId, token)).toBeNull();
    // Opening it answered nothing: the run still waits for a person.
    const run = await readRun(owner, runId);
    expect(run.status).toBe("waiting");
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === "review")!.status).toBe("waiting");

    // An expired link leads nowhere.
    const ownerToken = linkToken(owner.email);
    await db.approvalLink.updateMany({
      where: { runId, userId: owner.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await openApprovalLink(owner.userId, ownerToken)).toBeNull();
    // One mail per member who may answer.
    expect(smtp.received.filter((m) => decoded(m.raw).includes("/approval-links/"))).toHaveLength(2);
  });

  it("without a mail server nobody is mailed and no link is made", async () => {
    const before = smtp.received.length;
    const runId = await startRun(owner, await createOk(owner, reviewed()));
    await waitingAt(owner, runId);
    expect(await db.approvalLink.count({ where: { runId } })).toBe(0);
    expect(smtp.received).toHaveLength(before);
  });
});
