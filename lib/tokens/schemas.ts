import { z } from "zod";

export const MAX_TOKENS_PER_WORKSPACE = 50;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Use at most 80 characters"),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date-time" })
    .refine((v) => new Date(v).getTime() > Date.now(), "Must be in the future")
    .nullish(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
