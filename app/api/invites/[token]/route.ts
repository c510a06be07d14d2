import { forbidden } from "@/lib/http/errors";
import { withCaller, withPublic } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import * as account from "@/lib/api/operations/account";
import { acceptInvite, describeInvite } from "@/lib/members/invites";

/** What an invite link is for (anyone holding the link may ask). */
export const GET = withPublic(account.describeInvite, async ({ params }) => json(await describeInvite(params.token!)));

/** Accepts the invite as the signed-in user. */
export const POST = withCaller(account.acceptInvite, async ({ caller, params }) => {
  if (caller.type !== "user") throw forbidden("Sign in to accept an invite.");
  const workspace = await acceptInvite(params.token!, { userId: caller.userId, email: caller.email });
  return json({ workspace });
});
