import { readBody } from "@/lib/api/handler";
import { errorResponse, json } from "@/lib/api/respond";
import { verifyEmail } from "@/lib/auth/verify-email";
import { verifyEmailSchema } from "@/lib/auth/schemas";

/** Proves an email address with the token of the emailed link; the token alone is the proof. */
export async function POST(request: Request) {
  try {
    const { token } = await readBody(request, verifyEmailSchema, 1024);
    return json({ ...(await verifyEmail(token)), verified: true });
  } catch (err) {
    return errorResponse(err);
  }
}
