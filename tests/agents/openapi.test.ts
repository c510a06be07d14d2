import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiOperations } from "@/lib/api/operations";

describe("agents in the OpenAPI document", () => {
  it("lists every agent operation with the request schemas the routes validate with", () => {
    const doc = buildOpenApiDocument(apiOperations) as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        "GET /api/v1/agents",
        "POST /api/v1/agents",
        "GET /api/v1/agents/{id}",
        "PATCH /api/v1/agents/{id}",
        "DELETE /api/v1/agents/{id}",
        "POST /api/v1/agents/{id}/start",
        "POST /api/v1/agents/{id}/pause",
        "POST /api/v1/agents/{id}/resume",
        "GET /api/v1/agents/{id}/schedule",
        "GET /api/v1/agents/{id}/reflections",
        "POST /api/v1/agents/{id}/reflections/{rid}/rollback",
        "GET /api/v1/agents/{id}/logs",
      ]),
    );
    const body = JSON.stringify(doc.paths["/api/v1/agents"]!.post!.requestBody!.content["application/json"]!.schema);
    for (const word of ["workflowIds", "intervalMinutes", "expression", "timezone", "browser", "filesystem"]) {
      expect(body).toContain(word);
    }
  });
});
