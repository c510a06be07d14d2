import { describe, expect, it } from "vitest";
import { INVALID_CREDENTIALS, RATE_LIMITED, signInErrorMessage } from "./signin-messages";

describe("signInErrorMessage", () => {
  it("words wrong credentials without naming the part that was wrong", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(INVALID_CREDENTIALS);
    expect(INVALID_CREDENTIALS).not.toMatch(/not found|no account|unknown/i);
  });

  it("has its own message for rate limiting", () => {
    expect(signInErrorMessage("RateLimited")).toBe(RATE_LIMITED);
    expect(RATE_LIMITED).not.toBe(INVALID_CREDENTIALS);
  });

  it("says why a GitHub sign-in was not linked", () => {
    expect(signInErrorMessage("OAuthEmailUnverified")).toMatch(/GitHub has not verified/);
    expect(signInErrorMessage("OAuthAccountUnverified")).toMatch(/not been verified/);
    expect(signInErrorMessage("OAuthAccountUnverified")).not.toBe(signInErrorMessage("OAuthEmailUnverified"));
  });

  it("is silent with no code and generic for unknown codes", () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("Weird")).toBe("Sign-in failed. Please try again.");
  });
});
