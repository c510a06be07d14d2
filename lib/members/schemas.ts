import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"]);
export const MAX_PENDING_INVITES = 100;
export const INVITE_TTL_DAYS = 7;

export const updateMemberSchema = z.object({ role: roleSchema });
export const createInviteSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" })),
  role: roleSchema.default("member"),
});
export type CreateInviteInput = z.infer<typeof createInviteSchema>;
