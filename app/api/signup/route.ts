import { readBody } from "@/lib/api/handler";
import { errorResponse, json } from "@/lib/api/respond";
import { clientAddress } from "@/lib/auth/client-address";
import { limitSignUp } from "@/lib/auth/limit-sign-up";
import { signUp, signUpSchema } from "@/lib/auth/sign-up";

/** A name, an email and a password fit in far less. */
const SIGNUP_MAX_BODY_BYTES = 16 * 1024;

/**
 * Creates an account with email and password, and its personal workspace.
 * Sign-ups are limited per client address, and beyond each address's first
 * one of the hour across all clients (see limitSignUp).
 */
export async function POST(request: Request) {
  try {
    await limitSignUp(clientAddress(request.headers));
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
