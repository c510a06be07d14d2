import type { Mail } from "@/lib/mail/send-mail";

export interface InviteMailInput {
  to: string;
  url: string;
  role: string;
  expiresAt: Date;
  workspaceName: string;
  inviter: { name: string | null; email: string };
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ");

/** The invite email: who invites whom to which workspace, the link, and until when it works. */
export function inviteMail(input: InviteMailInput): Mail {
  const inviter = input.inviter.name ? `${input.inviter.name} (${input.inviter.email})` : input.inviter.email;
  const until = input.expiresAt.toUTCString();
  return {
    to: input.to,
    // Names are user input: no line breaks in a header.
    subject: oneLine(`${input.inviter.name ?? input.inviter.email} invited you to ${input.workspaceName} on LoopLlama`),
    text: [
      `${inviter} invited you to join the workspace "${input.workspaceName}" on LoopLlama as ${input.role}.`,
      "",
      `Accept the invite: ${input.url}`,
      "",
      `The link works until ${until}. Sign in, or create an account, with this address (${input.to}) to accept it.`,
      "If you did not expect this invite, you can ignore this email.",
      "",
    ].join("\n"),
  };
}
