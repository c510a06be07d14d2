import { forbidden } from "@/lib/http/errors";
import { withCaller } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import * as account from "@/lib/api/operations/account";
import { verifyEmail } from "@/lib/auth/verify-email";

/**
 * Proves an email address with the token of the emailed link, for the signed-in
 * user the link was sent to: the token and that user's session together.
 */
export const POST = withCaller(account.verifyEmail, async ({ caller, body }) => {
  if (caller.type !== "user") throw forbidden("Sign in to verify your email address.");
  return json({ ...(await verifyEmail(body.token, caller.userId)), verified: true });
});
