import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { mailEnv } from "./mail-env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export type MailResult = { sent: true } | { sent: false; reason: string };

let transport: { url: string; transporter: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      // Short timeouts: the request that sends the mail waits for it.
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
      }),
    };
  }
  return transport.transporter;
}

/**
 * Sends one plain-text mail through SMTP_URL; null when no mail server is
 * configured. Never throws: the caller keeps what it created and tells the
 * user the mail did not go out.
 */
export async function sendMail(mail: Mail): Promise<MailResult | null> {
  const { SMTP_URL, MAIL_FROM } = mailEnv();
  if (!SMTP_URL) return null;
  try {
    await transporter(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    return { sent: true };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    console.error(`[mail] sending to ${mail.to} failed: ${detail}`);
    return { sent: false, reason: `The mail server refused or could not be reached: ${detail}` };
  }
}
