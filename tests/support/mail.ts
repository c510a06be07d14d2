import { resetMailEnv } from "@/lib/mail/mail-env";
import type { ReceivedMail } from "./smtp-server";

/** Points mail at a test SMTP server, or turns it off (undefined). */
export function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  process.env.MAIL_FROM = "LoopLlama <invites@loopllama.test>";
  resetMailEnv();
}

/** Folded headers and quoted-printable soft breaks and escapes, undone, so the message can be searched. */
export const decoded = (raw: string) =>
  raw
    .replace(/\r?\n[ \t]+/g, " ")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The mails one address received. */
export const mailsTo = (received: ReceivedMail[], address: string) => received.filter((m) => m.to.includes(address));
