import { afterEach, describe, expect, it, vi } from "vitest";

const appUrl = process.env.APP_URL;

async function loadConfig() {
  vi.resetModules();
  return (await import("@/next.config")).default;
}

describe("next dev at 127.0.0.1 and APP_URL", () => {
  afterEach(() => {
    if (appUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = appUrl;
  });

  it("lets 127.0.0.1 load the development assets, so the page hydrates there", async () => {
    delete process.env.APP_URL;
    expect((await loadConfig()).allowedDevOrigins).toEqual(["127.0.0.1"]);
  });

  it("adds the host of APP_URL", async () => {
    process.env.APP_URL = "http://loopllama.internal.example:3000";
    expect((await loadConfig()).allowedDevOrigins).toEqual(["127.0.0.1", "loopllama.internal.example"]);
  });

  it("ignores an APP_URL that is not a URL", async () => {
    process.env.APP_URL = "not a url";
    expect((await loadConfig()).allowedDevOrigins).toEqual(["127.0.0.1"]);
  });
});
