import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useLiveRun } from "./use-live-run";
import type { Run } from "./workflow-types";

function Mode({ run }: { run: Run }) {
  const { mode } = useLiveRun("acme", run.id, run);
  return createElement("span", null, mode);
}

describe("useLiveRun", () => {
  it("renders a run in flight on the server as the browser first does, following its stream", () => {
    // The server has no EventSource; a browser has one. Were the server to say "polling" while the
    // browser says "stream", the page's live indicator would differ and hydration would fail.
    expect(typeof EventSource).toBe("undefined");
    const run = { id: "run_1", status: "running", steps: [] } as unknown as Run;
    const html = renderToString(
      createElement(QueryClientProvider, { client: new QueryClient() }, createElement(Mode, { run })),
    );
    expect(html).toBe("<span>stream</span>");
  });
});
