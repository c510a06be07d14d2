"use client";

import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/queries/api-client";
import { useResendVerification } from "@/lib/queries/use-email-verification";

/** Tells a user whose address is not yet verified what that blocks, and resends the link. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useResendVerification();
  const outcome = resend.isSuccess
    ? resend.data.emailed
      ? `Sent. Check ${resend.data.email} for the new link.`
      : `The email could not be sent: ${resend.data.emailError ?? "unknown reason"}`
    : resend.isError
      ? errorMessage(resend.error)
      : null;
  return (
    <section
      aria-labelledby="verify-email-title"
      className="border-b border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 md:px-6"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="min-w-0 flex-1">
          <span id="verify-email-title" className="font-medium">
            Confirm your email address.
          </span>{" "}
          Open the link we sent to {email}. Until then you cannot join workspaces by invite or sign in with GitHub.
        </p>
        <Button variant="secondary" size="sm" loading={resend.isPending} onClick={() => resend.mutate()}>
          Resend
        </Button>
      </div>
      {/* Always in the page, so screen readers announce what it comes to say. */}
      <p role="status" aria-live="polite" className={outcome ? "mt-2" : undefined}>
        {outcome}
      </p>
    </section>
  );
}
