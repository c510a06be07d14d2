import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApprovalPanel, waitingApprovals } from "./approval-panel";
import { ForkedFromLink } from "./forked-from-link";
import { ForkFromHere } from "./fork-from-here";

/** The markup, without React's text separators. */
function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, element)).replaceAll(
    "<!-- -->",
    "",
  );
}

const approval = {
  prompt: "Ship **this**?",
  approvers: ["admin", "owner"],
  timeout: { after: "24h", then: "reject" },
  expiresAt: "2026-12-07T10:00:00.000Z",
};
const waiting = { id: "s2", index: 1, nodeId: "review", role: "editor", status: "waiting", approval };
const done = { id: "s1", index: 0, nodeId: "draft", role: "writer", status: "completed", approval: null };

describe("the run page's approvals", () => {
  it("shows each waiting approval's question, who may answer, its timeout and the two buttons", () => {
    expect(waitingApprovals([done, waiting]).map((s) => s.id)).toEqual(["s2"]);
    const html = render(createElement(ApprovalPanel, { slug: "acme", runId: "r1", steps: [done, waiting] }));
    expect(html).toContain("review waits for your answer");
    expect(html).toContain("<strong>this</strong>");
    expect(html).toContain("Only admin or owner may answer.");
    expect(html).toContain("it is rejected");
    expect(html).toContain(">Approve<");
    expect(html).toContain(">Reject<");
  });

  it("shows nothing when no approval waits", () => {
    expect(render(createElement(ApprovalPanel, { slug: "acme", runId: "r1", steps: [done] }))).toBe("");
  });
});

describe("forks on the run page", () => {
  it("a step offers Fork from here, with its prompt and model editable", () => {
    const html = render(
      createElement(ForkFromHere, { slug: "acme", runId: "r1", index: 2, nodeId: "write", model: "claude-haiku-4-5" }),
    );
    expect(html).toContain("Fork from here");
    expect(html).toContain("System prompt");
    expect(html).toContain('placeholder="claude-haiku-4-5"');
    expect(html).toContain("Run on the workflow&#x27;s current version");
  });

  it("a fork links to the run it was forked from; another run shows nothing", () => {
    const html = render(createElement(ForkedFromLink, { slug: "acme", run: { forkedFrom: "r0", forkedAtStep: 1 } }));
    expect(html).toContain('href="/w/acme/runs/r0"');
    expect(html).toContain("at step 2");
    expect(render(createElement(ForkedFromLink, { slug: "acme", run: { forkedFrom: null, forkedAtStep: null } }))).toBe(
      "",
    );
  });
});
