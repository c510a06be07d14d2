import NextAuth from "next-auth";
import type { SignInResponse } from "next-auth/react";
import { describe, expect, it } from "vitest";
import { judgeSignIn } from "@/components/auth/signin-attempt";
import { authOptions } from "@/lib/auth/options";
import { makeUser } from "../support/factory";

const CSRF_COOKIE = "next-auth.csrf-token";
const SESSION_COOKIE = "next-auth.session-token";

type Cookies = Record<string, string>;
interface Answer {
  status: number;
  body: unknown;
  /** Cookies the answer sets, by name. */
  cookies: Cookies;
}

/** One request to next-auth's handler, as /api/auth/<path> would get it from a browser holding `cookies`. */
async function auth(path: string[], cookies: Cookies, body?: Record<string, string>): Promise<Answer> {
  const answer: Answer = { status: 200, body: undefined, cookies: {} };
  const headers = new Map<string, unknown>();
  const res = {
    status: (s: number) => ((answer.status = s), res),
    setHeader: (k: string, v: unknown) => (headers.set(k.toLowerCase(), v), res),
    getHeader: (k: string) => headers.get(k.toLowerCase()),
    json: (b: unknown) => ((answer.body = b), res),
    send: (b: unknown) => ((answer.body = b), res),
    end: () => res,
  };
  const req = {
    query: { nextauth: path },
    cookies,
    headers: { host: "127.0.0.1:3300" },
    method: body ? "POST" : "GET",
    body: body ?? {},
  };
  await NextAuth(req as never, res as never, authOptions());
  for (const line of (headers.get("set-cookie") as string[] | undefined) ?? []) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    answer.cookies[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return answer;
}

/** What next-auth/react's `signIn(…, { redirect: false })` returns for the callback's JSON answer. */
function asSignInResponse(answer: Answer): SignInResponse {
  const url = (answer.body as { url: string }).url;
  const error = new URL(url).searchParams.get("error");
  return { error, status: answer.status, ok: answer.status >= 200 && answer.status < 300, url: error ? null : url };
}

const tokenOf = (answer: Answer) => (answer.body as { csrfToken: string }).csrfToken;

describe("credentials sign-in when two auth requests minted the CSRF cookie", () => {
  it("refuses a token from one with the cookie of the other, and the forms see that as not signed in", async () => {
    const user = await makeUser("csrf-race");
    // A browser with no CSRF cookie yet: the session poll and signIn's token fetch each mint their own.
    const session = await auth(["session"], {});
    const csrf = await auth(["csrf"], {});
    const fromSession = session.cookies[CSRF_COOKIE] ?? "";
    expect(fromSession).toBeTruthy();
    expect(csrf.cookies[CSRF_COOKIE]).toBeTruthy();
    expect(fromSession).not.toBe(csrf.cookies[CSRF_COOKIE]);
    const form = { email: user.email, password: user.password, callbackUrl: "/", json: "true" };

    // The session answer landed last, so its cookie goes out with the other request's token.
    const refused = await auth(
      ["callback", "credentials"],
      { [CSRF_COOKIE]: fromSession },
      { ...form, csrfToken: tokenOf(csrf) },
    );
    expect(refused.cookies[SESSION_COOKIE]).toBeUndefined();
    const result = asSignInResponse(refused);
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.url).toMatch(/csrf=true/);
    expect(judgeSignIn(result).kind).toBe("retry");

    // The retry's own token fetch answers with the token of the cookie the browser holds.
    const fresh = await auth(["csrf"], { [CSRF_COOKIE]: fromSession });
    expect(fresh.cookies[CSRF_COOKIE]).toBeUndefined();
    const retried = await auth(
      ["callback", "credentials"],
      { [CSRF_COOKIE]: fromSession },
      { ...form, csrfToken: tokenOf(fresh) },
    );
    expect(retried.cookies[SESSION_COOKIE]).toBeTruthy();
    expect(judgeSignIn(asSignInResponse(retried))).toEqual({ kind: "signed-in" });
  });
});
