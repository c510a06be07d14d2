import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { GET as getCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { GET as listVersions } from "@/app/api/v1/workflows/[id]/versions/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { ApiOperation } from "@/lib/api/operation";
import { pageOf } from "@/lib/http/openapi-schemas";
import { apiOperations } from "@/lib/api/operations";
import { runResponseSchema, runSummarySchema } from "@/lib/runs/response-schemas";
import { MAX_RUN_INPUT_CHARS } from "@/lib/runs/schemas";
import {
  crewResponseSchema,
  versionResponseSchema,
  workflowListItemSchema,
  workflowResponseSchema,
} from "@/lib/workflows/response-schemas";
import { agentSchema } from "@/lib/workflows/schemas";
import { apiRequest, call, makeUser } from "../support/factory";
import { routeFiles } from "../support/route-files";

type Json = Record<string, unknown>;

async function fetchDocument() {
  const res = await openapi(new Request("http://localhost:3103/api/v1/openapi.json"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read as plain JSON
  return (await res.json()) as any;
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: Json, ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

describe("OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with bearer security and the error schema", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("LoopLlama API");
    expect(doc.servers).toEqual([{ url: "http://localhost:3103" }]);
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );
    expect(doc.security).toContainEqual({ bearerAuth: [] });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
  });

  it("includes the workflow, run and foundation operations", async () => {
    const doc = await fetchDocument();
    const ops = Object.entries(doc.paths as Record<string, Json>).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        "GET /api/v1/workflows",
        "POST /api/v1/workflows",
        "GET /api/v1/workflows/{id}",
        "PATCH /api/v1/workflows/{id}",
        "DELETE /api/v1/workflows/{id}",
        "GET /api/v1/workflows/{id}/crew",
        "PUT /api/v1/workflows/{id}/crew",
        "GET /api/v1/workflows/{id}/versions",
        "POST /api/v1/workflows/{id}/versions/{version}/restore",
        "POST /api/v1/workflows/{id}/runs",
        "GET /api/v1/runs",
        "GET /api/v1/runs/{id}",
        "POST /api/v1/runs/{id}/cancel",
        "GET /api/v1/runs/{id}/events",
        "GET /api/v1/me",
        "GET /api/v1/workspaces",
        "POST /api/v1/workspaces",
        "GET /api/v1/workspace",
        "PATCH /api/v1/workspace",
        "GET /api/v1/tokens",
        "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/members",
        "PATCH /api/v1/members/{userId}",
        "DELETE /api/v1/members/{userId}",
        "GET /api/v1/invites",
        "POST /api/v1/invites",
        "DELETE /api/v1/invites/{id}",
      ]),
    );
    const run = doc.paths["/api/v1/workflows/{id}/runs"].post;
    expect(Object.keys(run.responses)).toEqual(expect.arrayContaining(["202", "400", "401", "404", "409", "413"]));
    expect(run.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
  });

  it("builds every /api/v1 route from the operation declared for its method and path, and documents only routes that exist", async () => {
    const files = await routeFiles();
    const exported = files.flatMap((f) =>
      f.methods.map((m) => ({ key: `${m.method} ${f.path}`, operation: m.operation })),
    );
    const documented = new Set(apiOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const undeclared = exported.filter(
      ({ key, operation }) =>
        key.includes(" /api/v1/") &&
        key !== "GET /api/v1/openapi.json" &&
        // The catch-all only answers 404 for paths no route serves: nothing to document.
        !key.includes("[...path]") &&
        !operation,
    );
    expect(
      undeclared.map((r) => r.key),
      "build these with withWorkspace/withCaller from lib/api/operations/<domain>.ts",
    ).toEqual([]);
    // A handler built from an operation serves that operation's method and path, and the document lists it.
    for (const { key, operation } of exported) {
      if (!operation) continue;
      expect(`${operation.method.toUpperCase()} ${operation.path}`, key).toBe(key);
      expect(documented.has(key), `${key} is not in apiOperations`).toBe(true);
    }
    const served = new Set(exported.map((r) => r.key));
    expect(
      [...documented].filter((op) => !served.has(op)),
      "documented but no route exports them",
    ).toEqual([]);
    expect(existsSync("app/api/v1/openapi.json/route.ts")).toBe(true);
  });

  it("resolves every $ref, declares every path parameter and has unique operation ids", async () => {
    const doc = await fetchDocument();
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(schema.$schema, name).toBeUndefined();
    }

    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      const placeholders = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const params = (op.parameters ?? []) as { name: string; in: string; required?: boolean; schema?: unknown }[];
        const pathParams = params.filter((x) => x.in === "path");
        expect(pathParams.map((x) => x.name).sort(), `${method} ${p}`).toEqual(placeholders);
        expect(pathParams.every((x) => x.required === true)).toBe(true);
        expect(params.every((x) => x.schema !== undefined)).toBe(true);
        expect(ids.has(op.operationId as string), `${op.operationId}`).toBe(false);
        ids.add(op.operationId as string);
        expect(Object.keys(op.responses as Json).length).toBeGreaterThan(0);
      }
    }
  });

  it("uses the request schemas the routes validate with", async () => {
    const doc = await fetchDocument();
    // Request bodies are inlined in their input form, so a generated client sees defaulted fields as optional.
    const bodies = doc.components.requestBodies;
    const body = (name: string) => bodies[name].content["application/json"].schema;
    expect(doc.paths["/api/v1/workflows"].post.requestBody).toEqual({
      $ref: "#/components/requestBodies/CreateWorkflow",
    });
    expect(bodies.CreateWorkflow.required).toBe(true);
    const createWorkflow = body("CreateWorkflow");
    expect(createWorkflow.properties.crew).toMatchObject({ type: "array", minItems: 1, maxItems: 10 });
    expect(createWorkflow.required).toEqual(["name"]);
    // The model object or its string shorthand.
    expect(JSON.stringify(createWorkflow.properties.model.anyOf)).toContain('"provider"');
    expect(createWorkflow.properties.status).toMatchObject({ enum: ["active", "paused"], default: "active" });
    expect(collectRefs(bodies)).toEqual([]);
    expect(body("ReplaceCrew").properties.crew).toMatchObject({ minItems: 1, maxItems: 10 });
    const crewAgent = body("ReplaceCrew").properties.crew.items;
    expect(crewAgent.required).toEqual(["role", "systemPrompt"]);
    expect(crewAgent.properties.role).toMatchObject({ type: "string", minLength: 1, maxLength: 60 });
    expect(crewAgent.properties.systemPrompt).toMatchObject({ minLength: 1, maxLength: 20_000 });
    // Exactly what zod makes of the validating schema.
    const agentJson = z.toJSONSchema(agentSchema, { io: "input" }) as { $defs: Record<string, unknown> };
    expect(crewAgent).toEqual(agentJson.$defs.CrewAgent);
    expect(body("CreateRun").properties.input).toMatchObject({
      type: "string",
      minLength: 1,
      maxLength: MAX_RUN_INPUT_CHARS,
    });
    // Responses keep named components in their output form, where defaulted fields are always present.
    expect(doc.components.schemas.Workflow.required).toEqual(expect.arrayContaining(["model", "status"]));

    const listRunsParams = doc.paths["/api/v1/runs"].get.parameters as { name: string; schema: Json }[];
    expect(listRunsParams.map((x) => x.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "workflowId", "status", "createdAfter", "createdBefore"]),
    );
    expect(listRunsParams.find((x) => x.name === "status")!.schema.enum).toEqual([
      "queued",
      "running",
      "waiting",
      "completed",
      "failed",
      "cancelled",
    ]);
    expect(listRunsParams.find((x) => x.name === "limit")!.schema).toMatchObject({ maximum: 100, default: 25 });
  });

  it("refuses two schemas with one name and duplicate operations", () => {
    const a = z.object({ x: z.string() }).meta({ id: "ClashTest" });
    const b = z.object({ y: z.number() }).meta({ id: "ClashTest" });
    const op = (operationId: string, body: z.ZodType, p = "/a"): ApiOperation => ({
      method: "post",
      path: p,
      operationId,
      summary: "s",
      tag: "t",
      body,
      responses: { 204: { description: "ok" } },
    });
    expect(() => buildOpenApiDocument([op("a", a), op("b", b, "/b")])).toThrow(/ClashTest/);
    expect(() => buildOpenApiDocument([op("a", a), op("a", a, "/b")])).toThrow(/duplicate operationId/);
    expect(() => buildOpenApiDocument([op("a", a), op("b", a)])).toThrow(/declared twice/);
  });

  it("describes what the workflow and run endpoints really return", async () => {
    const u = await makeUser("openapi");
    const auth = { token: u.token };
    const wf = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Documented",
        description: "checks the response schemas",
        crew: [{ role: "solo", systemPrompt: "Answer.", model: "claude-opus-4-7" }],
      }),
    );
    workflowResponseSchema.parse(wf.body);
    const id = wf.body.id as string;
    const run = await call(createRun, apiRequest("POST", `/api/v1/workflows/${id}/runs`, auth, { input: "hello" }), {
      id,
    });
    runResponseSchema.parse(run.body);
    runResponseSchema.parse(
      (await call(getRun, apiRequest("GET", `/api/v1/runs/${run.body.id}`, auth), { id: run.body.id })).body,
    );
    pageOf(runSummarySchema).parse((await call(listRuns, apiRequest("GET", "/api/v1/runs", auth))).body);
    const list = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows", auth));
    pageOf(workflowListItemSchema).parse(list.body);
    expect(list.body.data[0].lastRun).not.toBeNull();
    crewResponseSchema.parse(
      (await call(getCrew, apiRequest("GET", `/api/v1/workflows/${id}/crew`, auth), { id })).body,
    );
    pageOf(versionResponseSchema).parse(
      (await call(listVersions, apiRequest("GET", `/api/v1/workflows/${id}/versions`, auth), { id })).body,
    );
  });
});
