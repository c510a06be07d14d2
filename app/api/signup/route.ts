import { readBody } from "@/lib/api/handler";
import { errorResponse, json } from "@/lib/http/respond";
import { clientAddress } from "@/lib/auth/client-address";
import { limitSignUp } from "@/lib/auth/limit-sign-up";
import { emailVerificationRequired } from "@/lib/auth/email-verification-required";
import { CHECK_EMAIL_MESSAGE, signUp, signUpSchema } from "@/lib/auth/sign-up";

/** A name, an email and a password fit in far less. */
const SIGNUP_MAX_BODY_BYTES = 16 * 1024;

/**
 * Creates an account with email and password, and its personal workspace.
 * Sign-ups are limited per client address, and beyond each address's first
 * one of the hour across all clients (see limitSignUp). Where mail is
 * configured the answer is the same 202 whether or not the address already had
 * an account (its owner is mailed instead); without mail, 201 with the account,
 * or 409 for an address in use.
 */
export async function POST(request: Request) {
  try {
    await limitSignUp(clientAddress(request.headers));
    const result = await signUp(await readBody(request, signUpSchema, SIGNUP_MAX_BODY_BYTES));
    if (emailVerificationRequired()) return json({ status: "check_email", message: CHECK_EMAIL_MESSAGE }, 202);
    if (result.kind !== "created") throw new Error("sign-up without mail answered for an existing account");
    const { user, workspace } = result;
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
