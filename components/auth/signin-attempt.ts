import type { SignInResponse } from "next-auth/react";

/**
 * The code for a sign-in that ended without an answer about the credentials:
 * next-auth refused the CSRF token, the server failed, or no result came back.
 */
export const SIGNIN_NOT_COMPLETED = "SignInNotCompleted";

/**
 * Answers about the credentials themselves (lib/auth/options.ts): asking again
 * gives the same answer and counts as one more failed try against the rate limit.
 */
const FINAL_CODES = new Set(["CredentialsSignin", "RateLimited"]);

export type SignInVerdict =
  | { kind: "signed-in" }
  /** Worth one more try: `signIn` fetches a fresh CSRF token each call. */
  | { kind: "retry"; code: string }
  | { kind: "failed"; code: string };

/**
 * What a credentials `signIn(…, { redirect: false })` result means. next-auth v4
 * reports a CSRF refusal as `ok` with no `error` and a url ending in
 * `?csrf=true`, so `ok` alone does not mean a session was set.
 */
export function judgeSignIn(result: SignInResponse | undefined): SignInVerdict {
  if (!result) return { kind: "retry", code: SIGNIN_NOT_COMPLETED };
  if (result.error) {
    return FINAL_CODES.has(result.error)
      ? { kind: "failed", code: result.error }
      : { kind: "retry", code: result.error };
  }
  if (!result.ok || !result.url || csrfRefused(result.url)) return { kind: "retry", code: SIGNIN_NOT_COMPLETED };
  return { kind: "signed-in" };
}

function csrfRefused(url: string): boolean {
  try {
    return new URL(url, "http://localhost").searchParams.get("csrf") === "true";
  } catch {
    return true;
  }
}

export type SignInOutcome = { kind: "signed-in" } | { kind: "failed"; code: string };

/**
 * Runs `attempt` (a credentials `signIn` call) and, when it ended without an
 * answer about the credentials, runs it once more. A throw on the first try
 * (a response that was not JSON, a dropped connection) also earns the second
 * try; a throw on the second propagates.
 */
export async function signInWithRetry(attempt: () => Promise<SignInResponse | undefined>): Promise<SignInOutcome> {
  let first: SignInVerdict;
  try {
    first = judgeSignIn(await attempt());
  } catch {
    first = { kind: "retry", code: SIGNIN_NOT_COMPLETED };
  }
  if (first.kind !== "retry") return first;
  const second = judgeSignIn(await attempt());
  return second.kind === "signed-in" ? second : { kind: "failed", code: second.code };
}
