import type { Mail } from "@/lib/mail/send-mail";

export interface ApprovalMailInput {
  to: string;
  url: string;
  workflowName: string;
  workspaceName: string;
  nodeId: string;
  prompt: string;
  expiresAt: Date;
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ");
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The mail asking a member to answer an approval: what it asks, the one-time link, and that it needs sign-in. */
export function approvalMail(input: ApprovalMailInput): Mail {
  return {
    to: input.to,
    // Names are user input: no line breaks in a header.
    subject: oneLine(clip(`Your answer is needed: ${input.workflowName} waits at "${input.nodeId}"`, 200)),
    text: [
      `A run of "${input.workflowName}" in the workspace "${input.workspaceName}" waits for a person at "${input.nodeId}":`,
      "",
      clip(input.prompt, 4000),
      "",
      `Open the approval: ${input.url}`,
      "",
      `Sign in to answer it. The link works once, for you only, until ${input.expiresAt.toUTCString()};`,
      "opening it does not answer anything. Later, open the run from the dashboard.",
      "",
    ].join("\n"),
  };
}
