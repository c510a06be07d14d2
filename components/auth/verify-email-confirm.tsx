"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useVerifyEmail } from "@/lib/queries/use-email-verification";

/** What the page says when the link cannot be used. */
function failure(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.status === 404)
    return "The link has expired, was already used, or a newer one was sent. Sign in and choose Resend to get a new one.";
  if (error.status === 401)
    return "Sign in as the account that signed up with this address, then open the link again: a link confirms only its own account.";
  if (error.status === 403)
    return "You are signed in as another account. Sign out, sign in as the account that signed up with this address, then open the link again.";
  return errorMessage(error);
}

/**
 * Confirms the address on a click rather than on opening the page, so a mail
 * scanner that follows the link does not use it up. Only the account the link
 * was sent for can use it, signed in: whoever signed up with someone else's
 * address is not verified when that person clicks.
 */
export function VerifyEmailConfirm({ token }: { token: string }) {
  const verify = useVerifyEmail();

  if (verify.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Email address confirmed">
          {verify.data.email} is verified. You can now join workspaces and link GitHub.
        </Alert>
        <Link href="/" className={buttonClasses("primary", "md", "w-full")}>
          Continue to LoopLlama
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {verify.isError ? (
        <Alert tone="error" title="This link can’t be used">
          {failure(verify.error)}
        </Alert>
      ) : null}
      {verify.error instanceof ApiError && verify.error.status === 401 ? (
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(`/verify-email/${token}`)}`}
          className={buttonClasses("secondary", "md", "w-full")}
        >
          Sign in
        </Link>
      ) : null}
      <Button className="w-full" loading={verify.isPending} onClick={() => verify.mutate(token)}>
        Confirm my email address
      </Button>
    </div>
  );
}
