import { afterEach, describe, expect, it, vi } from "vitest";
import { apiClient } from "./api-client";

afterEach(() => vi.unstubAllGlobals());

describe("apiClient", () => {
  it("says a refused token in one sentence, without doubled punctuation", async () => {
    const body = JSON.stringify({ error: { code: "unauthorized", message: "Invalid API token." } });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(body, { status: 401 })),
    );
    const client = apiClient({ url: "http://localhost:3000/", token: "ll_x" });
    await expect(client.request("GET", "/api/v1/me")).rejects.toThrow(
      "http://localhost:3000 refused the token (401): Invalid API token; check --token or LOOPLLAMA_TOKEN",
    );
  });
});
