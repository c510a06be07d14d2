import NextAuth from "next-auth";
import { cappedRequest } from "@/lib/http/capped-request";
import { errorResponse } from "@/lib/http/respond";
import { authOptions } from "@/lib/auth/options";

/** A sign-in form (email, password, CSRF token, callback URL) fits in far less. */
const AUTH_MAX_BODY_BYTES = 16 * 1024;

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  let capped: Request;
  try {
    capped = await cappedRequest(request, AUTH_MAX_BODY_BYTES);
  } catch (err) {
    return errorResponse(err);
  }
  return NextAuth(capped as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
