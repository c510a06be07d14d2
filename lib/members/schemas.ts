import { z } from "zod";
import { roleSchema } from "@/lib/workspaces/response-schemas";

export { roleSchema };
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
