import type { Mail } from "@/lib/mail/send-mail";

/** The mail to an account's owner when someone signs up with its address again. */
export function accountExistsMail(input: { to: string; signInUrl: string }): Mail {
  return {
    to: input.to,
    subject: "Someone tried to sign up for LoopLlama with your address",
    text: [
      `Someone, perhaps you, tried to create a LoopLlama account with this address (${input.to}).`,
      "You already have an account, so nothing was created and nothing changed.",
      "",
      `Sign in: ${input.signInUrl}`,
      "",
      "If it was not you, you can ignore this email: your account and its password stay as they are.",
      "",
    ].join("\n"),
  };
}
