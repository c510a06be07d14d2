import { forbidden } from "@/lib/http/errors";
import { withCaller } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import * as account from "@/lib/api/operations/account";
import { resendVerification } from "@/lib/auth/resend-verification";

/** Emails the signed-in user a new verification link (rate-limited). */
export const POST = withCaller(account.resendVerification, async ({ caller }) => {
  if (caller.type !== "user") throw forbidden("Sign in to verify your email address.");
  return json(await resendVerification(caller.userId), 202);
});
