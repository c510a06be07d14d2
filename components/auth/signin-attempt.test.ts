import type { SignInResponse } from "next-auth/react";
import { describe, expect, it } from "vitest";
import { judgeSignIn, SIGNIN_NOT_COMPLETED, signInWithRetry } from "./signin-attempt";
import { signInErrorMessage } from "./signin-messages";

const BASE = "http://127.0.0.1:3300";
const signedIn: SignInResponse = { ok: true, status: 200, error: null, url: `${BASE}/w/acme` };
/** What next-auth v4's signIn returns when the callback refused the CSRF token. */
const csrfRefused: SignInResponse = {
  ok: true,
  status: 200,
  error: null,
  url: `${BASE}/api/auth/signin?csrf=true`,
};
const wrongPassword: SignInResponse = { ok: false, status: 401, error: "CredentialsSignin", url: null };
const rateLimited: SignInResponse = { ok: false, status: 401, error: "RateLimited", url: null };
const serverError: SignInResponse = { ok: false, status: 500, error: null, url: `${BASE}/api/auth/error` };

describe("judgeSignIn", () => {
  it("takes an ok result pointing at the callback URL as signed in", () => {
    expect(judgeSignIn(signedIn)).toEqual({ kind: "signed-in" });
  });

  it("does not take an ok result for a CSRF refusal as signed in", () => {
    expect(judgeSignIn(csrfRefused)).toEqual({ kind: "retry", code: SIGNIN_NOT_COMPLETED });
    expect(judgeSignIn({ ...csrfRefused, url: "/api/auth/signin?callbackUrl=%2F&csrf=true" }).kind).toBe("retry");
  });

  it("retries a result that is not ok, has no url, or is missing", () => {
    expect(judgeSignIn(serverError).kind).toBe("retry");
    expect(judgeSignIn({ ...signedIn, url: null }).kind).toBe("retry");
    expect(judgeSignIn(undefined).kind).toBe("retry");
  });

  it("does not retry an answer about the credentials", () => {
    expect(judgeSignIn(wrongPassword)).toEqual({ kind: "failed", code: "CredentialsSignin" });
    expect(judgeSignIn(rateLimited)).toEqual({ kind: "failed", code: "RateLimited" });
  });

  it("retries other error codes", () => {
    expect(judgeSignIn({ ok: false, status: 500, error: "Configuration", url: null })).toEqual({
      kind: "retry",
      code: "Configuration",
    });
  });
});

describe("signInWithRetry", () => {
  function attempts(...results: (SignInResponse | undefined | Error)[]) {
    let calls = 0;
    const attempt = async () => {
      const r = results[calls++];
      if (r instanceof Error) throw r;
      return r;
    };
    return { attempt, calls: () => calls };
  }

  it("signs in after one CSRF refusal", async () => {
    const a = attempts(csrfRefused, signedIn);
    expect(await signInWithRetry(a.attempt)).toEqual({ kind: "signed-in" });
    expect(a.calls()).toBe(2);
  });

  it("fails after two CSRF refusals, with a message that asks to try again", async () => {
    const a = attempts(csrfRefused, csrfRefused);
    const outcome = await signInWithRetry(a.attempt);
    expect(outcome).toEqual({ kind: "failed", code: SIGNIN_NOT_COMPLETED });
    expect(a.calls()).toBe(2);
    if (outcome.kind === "failed") expect(signInErrorMessage(outcome.code)).toMatch(/try again/i);
  });

  it("asks only once when the first try succeeds or the credentials are wrong", async () => {
    const ok = attempts(signedIn, signedIn);
    expect(await signInWithRetry(ok.attempt)).toEqual({ kind: "signed-in" });
    expect(ok.calls()).toBe(1);
    const wrong = attempts(wrongPassword, signedIn);
    expect(await signInWithRetry(wrong.attempt)).toEqual({ kind: "failed", code: "CredentialsSignin" });
    expect(wrong.calls()).toBe(1);
  });

  it("retries after a first try that threw, and lets a second throw through", async () => {
    const once = attempts(new Error("Unexpected token <"), signedIn);
    expect(await signInWithRetry(once.attempt)).toEqual({ kind: "signed-in" });
    const twice = attempts(new Error("network"), new Error("network"));
    await expect(signInWithRetry(twice.attempt)).rejects.toThrow("network");
  });

  it("reports the second answer when the retry was refused on the credentials", async () => {
    const a = attempts(csrfRefused, wrongPassword);
    expect(await signInWithRetry(a.attempt)).toEqual({ kind: "failed", code: "CredentialsSignin" });
  });
});
