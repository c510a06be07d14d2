import { forbidden } from "@/lib/http/errors";
import { withCaller } from "@/lib/api/handler";
import { errorResponse, json } from "@/lib/http/respond";
import { acceptInvite, describeInvite } from "@/lib/members/invites";

/** What an invite link is for (anyone holding the link may ask). */
export async function GET(_request: Request, context: { params: Promise<{ token: string }> }) {
  try {
    return json(await describeInvite((await context.params).token));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Accepts the invite as the signed-in user. */
export const POST = withCaller(async ({ caller, params }) => {
  if (caller.type !== "user") throw forbidden("Sign in to accept an invite.");
  const workspace = await acceptInvite(params.token!, { userId: caller.userId, email: caller.email });
  return json({ workspace });
});
