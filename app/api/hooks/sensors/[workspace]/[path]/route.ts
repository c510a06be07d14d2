import { notFound } from "@/lib/http/errors";
import { pathParamSchema } from "@/lib/api/handler";
import { readBodyText } from "@/lib/http/read-body-text";
import { errorResponse, json } from "@/lib/http/respond";
import { MAX_HOOK_BODY_BYTES } from "@/lib/events/receive-webhook";
import { receiveSensorWebhook } from "@/lib/events/receive-sensor-webhook";

/**
 * A webhook sensor of the workspace's project (sensors/<name>.yml): no API
 * token; the delivery is signed the sending service's way (Sentry, Linear,
 * GitHub). 202 with the event and its runs, as POST /api/v1/events answers.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ workspace: string; path: string }> },
): Promise<Response> {
  try {
    const { workspace, path } = await context.params;
    if (!pathParamSchema.safeParse(workspace).success || !pathParamSchema.safeParse(path).success)
      throw notFound("Sensor");
    const body = await readBodyText(request, MAX_HOOK_BODY_BYTES);
    return json(await receiveSensorWebhook({ workspace, path, body, headers: request.headers }), 202);
  } catch (err) {
    return errorResponse(err);
  }
}
