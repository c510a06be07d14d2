import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProposalActions } from "./proposal-actions";

function render(reflection: unknown): string {
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(ProposalActions, { slug: "acme", agentId: "a1", reflection }),
    ),
  );
}

const base = { id: "r1", workflowId: "w1", decisionComment: null };

describe("an agent's proposals on its page", () => {
  it("an open proposal offers Approve and Reject with a comment", () => {
    const html = render({ ...base, proposal: "open" });
    expect(html).toContain("proposed: waiting for an admin");
    expect(html).toContain("Approve the patch");
    expect(html).toContain(">Reject<");
  });

  it("a decided one shows its outcome and comment, without buttons; an applied patch shows nothing", () => {
    const html = render({ ...base, proposal: "rejected", decisionComment: "Too long." });
    expect(html).toContain("proposal rejected");
    expect(html).toContain("Comment: Too long.");
    expect(html).not.toContain("Approve the patch");
    expect(render({ ...base, proposal: null })).toBe("");
  });
});
