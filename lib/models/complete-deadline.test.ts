import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnv } from "@/lib/env";
import { complete } from "./complete";
import { ModelDeadlineError, TransientModelError } from "./errors";
import type { ModelProvider } from "./types";

const req = { model: "claude-sonnet-4-6", system: "", messages: [{ role: "user" as const, content: "Hi" }] };

/** A provider that never answers until its attempt is aborted. */
function hanging(): ModelProvider & { calls: number } {
  const p = {
    calls: 0,
    async call(_r: unknown, options?: { signal?: AbortSignal }) {
      p.calls++;
      await new Promise((_, reject) => options?.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
      throw new Error("unreachable");
    },
  };
  // A provider reduced to the one method complete() calls here; the rest of its type is never read.
  return p as unknown as ModelProvider & { calls: number };
}

afterEach(() => {
  delete process.env.MODEL_CALL_DEADLINE_MS;
  resetEnv();
});

describe("complete: one deadline across all attempts", () => {
  it("stops a slow endpoint at the deadline, with retries left, naming MODEL_CALL_DEADLINE_MS", async () => {
    const provider = hanging();
    // Each attempt may take 40 ms and 10 retries are allowed, but the call as a whole gets 100 ms.
    const err = await complete(req, {
      provider,
      timeoutMs: 40,
      deadlineMs: 100,
      retry: { maxRetries: 10, baseMs: 1 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDeadlineError);
    expect(err).toBeInstanceOf(TransientModelError);
    expect((err as Error).message).toMatch(/within 100 ms in all \(MODEL_CALL_DEADLINE_MS\)/);
    expect(provider.calls).toBeLessThan(11);
    expect((err as ModelDeadlineError).attempts).toBe(provider.calls);
  });

  it("does not sleep past the deadline: a Retry-After beyond it fails at once", async () => {
    let calls = 0;
    const provider = {
      async call() {
        calls++;
        const e = new TransientModelError("Overloaded", 529);
        e.retryAfterMs = 3_600_000;
        throw e;
      },
      // Only call() is used by complete(); the provider's other members are never read.
    } as unknown as ModelProvider;
    const err = await complete(req, { provider, deadlineMs: 1_000, retry: { maxRetries: 4 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDeadlineError);
    expect((err as Error).message).toMatch(/after 1 attempt; last error: Overloaded/);
    expect(calls).toBe(1);
  });

  it("reads its default from MODEL_CALL_DEADLINE_MS, five minutes unless set", async () => {
    resetEnv();
    expect(env().MODEL_CALL_DEADLINE_MS).toBe(300_000);
    expect(env().MODEL_TIMEOUT_MS).toBe(120_000);
    process.env.MODEL_CALL_DEADLINE_MS = "50";
    resetEnv();
    const err = await complete(req, { provider: hanging(), timeoutMs: 1_000, retry: { maxRetries: 3 } }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/within 50 ms in all/);
  });
});
