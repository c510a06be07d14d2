import { tooManyRequests } from "@/lib/api/errors";
import { readBody } from "@/lib/api/handler";
import { errorResponse, json } from "@/lib/api/respond";
import { clientAddress } from "@/lib/auth/client-address";
import { signUp, signUpSchema } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";

/** A name, an email and a password fit in far less. */
const SIGNUP_MAX_BODY_BYTES = 16 * 1024;

/**
 * Creates an account with email and password, and its personal workspace.
 * Sign-ups are limited per client address and, since without a trusted proxy a
 * client can claim any address, across all clients per hour (SIGNUP_MAX_PER_HOUR).
 */
export async function POST(request: Request) {
  try {
    const ip = clientAddress(request.headers);
    const limit = await hitRateLimit(`signup:ip:${ip}`, 30, 3600);
    if (!limit.allowed)
      throw tooManyRequests("Too many sign-ups from this address; try again later.", limit.retryAfterSeconds);
    const overall = await hitRateLimit("signup:all", env().SIGNUP_MAX_PER_HOUR, 3600);
    if (!overall.allowed)
      throw tooManyRequests("Too many sign-ups right now; try again later.", overall.retryAfterSeconds);
    const { user, workspace } = await signUp(await readBody(request, signUpSchema, SIGNUP_MAX_BODY_BYTES));
    return json(
      {
        user: { id: user.id, email: user.email, name: user.name },
        workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      },
      201,
    );
  } catch (err) {
    return errorResponse(err);
  }
}
