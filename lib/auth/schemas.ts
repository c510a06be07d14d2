import { z } from "zod";

export const verifyEmailSchema = z.object({
  token: z.string().regex(/^[0-9A-Za-z]{1,100}$/, "Not a verification token"),
});
