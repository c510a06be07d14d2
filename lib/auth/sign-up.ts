import "server-only";
import { z } from "zod";
import { conflict } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { createPersonalWorkspace } from "@/lib/workspaces/create-workspace";
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

/**
 * Creates a user with an argon2id password hash and their personal workspace.
 * Where mail is configured, the address gets its verification link (a mail
 * that fails does not undo the account: the dashboard offers to resend it).
 */
export async function signUp(input: SignUpInput) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw conflict("An account with this email already exists. Sign in instead.");
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
    if ((err as { code?: string }).code === "P2002") {
      throw conflict("An account with this email already exists. Sign in instead.");
    }
    throw err;
  }
  await sendVerificationEmail(created.user);
  return created;
}
