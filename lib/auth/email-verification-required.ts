import "server-only";
import { mailEnv } from "@/lib/mail/mail-env";

/**
 * Email addresses are proved by an emailed link wherever mail can be sent
 * (SMTP_URL set). Without a mail server (local use) nothing can be proved that
 * way, and an invite link is the only proof, as before.
 */
export function emailVerificationRequired(): boolean {
  return Boolean(mailEnv().SMTP_URL);
}
