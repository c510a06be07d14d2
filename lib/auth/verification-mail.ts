import type { Mail } from "@/lib/mail/send-mail";

/** The mail with the link that proves an address. */
export function verificationMail(input: { to: string; url: string; expiresAt: Date }): Mail {
  return {
    to: input.to,
    subject: "Confirm your email address for LoopLlama",
    text: [
      `Someone, hopefully you, created a LoopLlama account with this address (${input.to}).`,
      "",
      `Confirm it: ${input.url}`,
      "",
      `The link works once, until ${input.expiresAt.toUTCString()}. Until the address is confirmed the account`,
      "cannot join workspaces or be linked to a GitHub sign-in.",
      "If you did not sign up, you can ignore this email.",
      "",
    ].join("\n"),
  };
}
