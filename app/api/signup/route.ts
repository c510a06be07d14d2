import { badRequest, tooManyRequests } from "@/lib/api/errors";
import { errorResponse, json, zodDetails, zodMessage } from "@/lib/api/respond";
import { signUp, signUpSchema } from "@/lib/auth/sign-up";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";

/** Creates an account with email and password, and its personal workspace. */
export async function POST(request: Request) {
  try {
    const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
    const limit = await hitRateLimit(`signup:ip:${ip}`, 30, 3600);
    if (!limit.allowed)
      throw tooManyRequests("Too many sign-ups from this address; try again later.", limit.retryAfterSeconds);
    const raw: unknown = await request.json().catch(() => null);
    const parsed = signUpSchema.safeParse(raw ?? {});
    if (!parsed.success) throw badRequest(zodMessage(parsed.error), zodDetails(parsed.error));
    const { user, workspace } = await signUp(parsed.data);
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
