import { describe, expect, it } from "vitest";
import type { ApiClient } from "./api-client";
import { followRun, Progress } from "./follow-run";

/** A client whose run stream answers these server-sent events once. */
function streaming(events: { event: string; data: unknown }[]): ApiClient {
  const body = events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join("");
  return {
    base: "http://server.test",
    request: () => Promise.reject(new Error("not used")),
    stream: async () => new Response(body, { headers: { "content-type": "text/event-stream" } }),
  };
}

describe("followRun", () => {
  it("prints what the server sends as plain text: escape sequences in outputs, errors and names never reach the terminal", async () => {
    const hostile = "\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007\u001b[2J\u009b31m";
    const client = streaming([
      {
        event: "run",
        data: {
          id: "run_1",
          status: "completed",
          workflowName: `Triage${hostile}`,
          output: `Done.\r\nNext line${hostile}\tend`,
          steps: [
            { id: "s1", nodeId: "check", role: `Checker${hostile}`, status: "completed" },
            { id: "s2", nodeId: "fix", role: "fix", status: "failed", error: `boom${hostile}` },
          ],
        },
      },
      { event: "end", data: {} },
    ]);
    let written = "";
    const progress = new Progress((t) => (written += t), false);
    await followRun(client, "run_1", progress);
    progress.flush();
    expect(written).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(written).toContain("  ✓ check (Checker]52;c;Y3VybCBldmlsIHwgc2g=[2J31m)\n");
    expect(written).toContain("  ✗ fix: boom]52;c;Y3VybCBldmlsIHwgc2g=[2J31m\n");
    expect(written).toContain("Done.\nNext line]52;c;Y3VybCBldmlsIHwgc2g=[2J31m\tend\n");
  });

  it("still replaces a running step's line on a terminal", async () => {
    const client = streaming([
      { event: "step", data: { id: "s1", nodeId: "check", role: "check", status: "running" } },
      { event: "step", data: { id: "s1", nodeId: "check", role: "check", status: "completed" } },
      { event: "run", data: { id: "run_1", status: "completed", workflowName: "Triage" } },
      { event: "end", data: {} },
    ]);
    let written = "";
    const progress = new Progress((t) => (written += t), true);
    await followRun(client, "run_1", progress);
    expect(written).toBe("  ▸ check running…\r\u001b[2K  ✓ check\n✓ Triage completed (run run_1)\n");
  });

  it("shows each completed step's output under its line: the first lines, cut short", async () => {
    const long = "x".repeat(400);
    const client = streaming([
      {
        event: "step",
        data: { id: "s1", nodeId: "triage", role: "triage", status: "completed", output: "Root cause\n\nthe cache" },
      },
      { event: "step", data: { id: "s2", nodeId: "fix", role: "fix", status: "completed", output: `${long}\nmore` } },
      { event: "run", data: { id: "run_1", status: "completed", workflowName: "Triage" } },
      { event: "end", data: {} },
    ]);
    let written = "";
    const progress = new Progress((t) => (written += t), false);
    await followRun(client, "run_1", progress);
    expect(written.split("\n")).toEqual([
      "  ✓ triage",
      "    Root cause",
      "    the cache",
      "  ✓ fix",
      `    ${"x".repeat(299)}…`,
      "    …",
      "✓ Triage completed (run run_1)",
      "",
    ]);
  });
});
