import "server-only";
import { z } from "zod";

/**
 * Outgoing mail settings, read and validated once. Without SMTP_URL nothing is
 * mailed: invites are shown as a link to copy, as always.
 */
const schema = z.object({
  /** e.g. smtp://user:pass@smtp.example.com:587 or smtps://…:465 */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("LoopLlama <no-reply@loopllama.local>"),
});

export type MailEnv = z.infer<typeof schema>;

let cached: MailEnv | undefined;

export function mailEnv(): MailEnv {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid mail environment: ${fields.join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between cases. */
export function resetMailEnv(): void {
  cached = undefined;
}
