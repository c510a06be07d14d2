import "server-only";
import { z } from "zod";
import { envReader } from "@/lib/env/env-reader";

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

const reader = envReader(schema, "mail environment");

export const mailEnv = (): MailEnv => reader.read();

/** Tests change the environment between cases. */
export const resetMailEnv = (): void => reader.reset();
