import { describe, expect, it } from "vitest";
import { pageUrl } from "./page-url";

describe("pageUrl", () => {
  it("names the limit, leaves out an empty cursor and empty filters, and encodes values", () => {
    expect(pageUrl("/api/v1/agents", 50, "")).toBe("/api/v1/agents?limit=50");
    expect(pageUrl("/api/v1/runs", 25, "a b/c", { workflowId: "wf_1", status: undefined })).toBe(
      "/api/v1/runs?limit=25&workflowId=wf_1&cursor=a+b%2Fc",
    );
  });
});
