"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useVerifyEmail } from "@/lib/queries/use-email-verification";

/**
 * Confirms the address on a click rather than on opening the page, so a mail
 * scanner that follows the link does not use it up.
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
          {verify.error instanceof ApiError && verify.error.status === 404
            ? "The link has expired, was already used, or a newer one was sent. Sign in and choose Resend to get a new one."
            : errorMessage(verify.error)}
        </Alert>
      ) : null}
      <Button className="w-full" loading={verify.isPending} onClick={() => verify.mutate(token)}>
        Confirm my email address
      </Button>
    </div>
  );
}
