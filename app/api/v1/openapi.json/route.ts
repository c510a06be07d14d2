import { json } from "@/lib/http/respond";
import { getOpenApiDocument } from "@/lib/api/openapi-document";

/** The OpenAPI 3.1 document of /api/v1 (public: it describes the API, not a workspace). */
export function GET(request: Request) {
  return json(getOpenApiDocument(new URL(request.url).origin), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
