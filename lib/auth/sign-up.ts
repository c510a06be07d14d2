import "server-only";
import { z } from "zod";
import { conflict } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { createPersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { accountExistsMail } from "./account-exists-mail";
import { emailVerificationRequired } from "./email-verification-required";
import { hashPassword } from "./password";
import { sendVerificationEmail } from "./send-verification-email";

export const signUpSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" }))
    .pipe(z.string().max(254)),
  password: z
    .string()
    .min(8, { message: "Use at least 8 characters" })
    .max(200, { message: "Use at most 200 characters" }),
  name: z.string().trim().max(100).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** What sign-up answers where mail is configured, whether or not the address already had an account. */
export const CHECK_EMAIL_MESSAGE =
  "Check your email: we sent a message to this address. Open its link to confirm the address, then sign in.";

export type SignUpResult =
  | {
      kind: "created";
      user: { id: string; email: string; name: string | null };
      workspace: { id: string; slug: string; name: string };
    }
  | { kind: "existing" };

/**
 * Creates a user with an argon2id password hash and their personal workspace.
 * Where mail is configured, the address gets its verification link (a mail
 * that fails does not undo the account: the dashboard offers to resend it),
 * and an address that already has an account is not revealed: its owner is
 * mailed that someone tried, and the caller answers as for a new account. A
 * local install without mail has no other way to tell the user, so there the
 * existing account is a 409 as before.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return alreadyRegistered(input);
  const passwordHash = await hashPassword(input.password);
  let created;
  try {
    created = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name || null, passwordHash },
      });
      const workspace = await createPersonalWorkspace(tx, user);
      return { user, workspace };
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return alreadyRegistered(input, true);
    throw err;
  }
  await sendVerificationEmail(created.user);
  return { kind: "created", ...created };
}

async function alreadyRegistered(input: SignUpInput, hashed = false): Promise<SignUpResult> {
  if (!emailVerificationRequired()) throw conflict("An account with this email already exists. Sign in instead.");
  // The same work as a new account (a password hash, a mail), so the time taken tells nothing either.
  if (!hashed) await hashPassword(input.password);
  const signInUrl = `${env().APP_URL.replace(/\/$/, "")}/signin?email=${encodeURIComponent(input.email)}`;
  await sendMail(accountExistsMail({ to: input.email, signInUrl }));
  return { kind: "existing" };
}
