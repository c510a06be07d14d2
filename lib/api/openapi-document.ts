import { buildOpenApiDocument, type OpenApiDocument } from "./openapi";
import { apiOperations } from "./operations";

const cache = new Map<string, OpenApiDocument>();

/** The document for a server URL, built once per process. */
export function getOpenApiDocument(serverUrl: string): OpenApiDocument {
  let doc = cache.get(serverUrl);
  if (!doc) {
    doc = buildOpenApiDocument(apiOperations, { serverUrl });
    if (cache.size < 10) cache.set(serverUrl, doc);
  }
  return doc;
}
