import { forbidden } from "@/lib/http/errors";
import { auditActor } from "@/lib/api/audit";
import { withCaller, withPublic } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import * as account from "@/lib/api/operations/account";
import { acceptInvite, describeInvite } from "@/lib/members/invites";

/** What an invite link is for (anyone holding the link may ask). */
export const GET = withPublic(account.describeInvite, async ({ params }) => json(await describeInvite(params.token!)));

/** Accepts the invite as the signed-in user. */
export const POST = withCaller(account.acceptInvite, async ({ caller, params, request }) => {
  if (caller.type !== "user") throw forbidden("Sign in to accept an invite.");
  const { clientAddress } = auditActor(caller, request);
  const workspace = await acceptInvite(params.token!, { userId: caller.userId, email: caller.email, clientAddress });
  return json({ workspace });
});
