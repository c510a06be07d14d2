import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { billingOverviewSchema, usageResponseSchema } from "@/lib/billing/response-schemas";
import {
  credentialDeletedSchema,
  credentialReferenceSchema,
  credentialResponseSchema,
} from "@/lib/credentials/response-schemas";
import {
  createdInviteResponseSchema,
  inviteResponseSchema,
  memberResponseSchema,
} from "@/lib/members/response-schemas";
import { createdTokenResponseSchema, tokenResponseSchema } from "@/lib/tokens/response-schemas";
import { meResponseSchema, workspaceResponseSchema } from "@/lib/workspaces/response-schemas";

/*
 * The browser reads the types of these answers off the domains' response schemas; the OpenAPI
 * document states the same answers. Each schema must say what the document says.
 */

type Json = Record<string, unknown>;

async function fetchDocument(): Promise<Json> {
  const res = await openapi(new Request("http://localhost:3103/api/v1/openapi.json"));
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** A schema's output form as the document writes it: named parts referenced under components. */
function asDocumented(schema: z.ZodType): unknown {
  const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const { $schema: _dialect, $defs: _defs, ...root } = json;
  const text = JSON.stringify(root).replaceAll('"#/$defs/', '"#/components/schemas/');
  return JSON.parse(text) as unknown;
}

/** The named schema's own form, as `#/components/schemas/<id>` holds it. */
function named(schema: z.ZodType): unknown {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("unnamed schema");
  const json = z.toJSONSchema(z.object({ it: schema }), {
    io: "output",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as { $defs: Record<string, unknown> };
  return JSON.parse(JSON.stringify(json.$defs[id]).replaceAll('"#/$defs/', '"#/components/schemas/')) as unknown;
}

function answer(doc: Json, method: string, path: string, status: number): unknown {
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
  const content = paths[path]![method]!.responses[String(status)]!.content as Record<string, { schema: unknown }>;
  return content["application/json"]!.schema;
}

describe("the browser's response schemas", () => {
  it("name the same fields and types as the OpenAPI document's components", async () => {
    const doc = await fetchDocument();
    const components = (doc.components as { schemas: Record<string, unknown> }).schemas;
    for (const schema of [
      billingOverviewSchema,
      usageResponseSchema,
      workspaceResponseSchema,
      tokenResponseSchema,
      memberResponseSchema,
      inviteResponseSchema,
      credentialResponseSchema,
      credentialReferenceSchema,
    ]) {
      const id = z.globalRegistry.get(schema)!.id!;
      expect(named(schema), id).toEqual(components[id]);
    }
  });

  it("state the answers the document gives without a name of their own", async () => {
    const doc = await fetchDocument();
    expect(asDocumented(meResponseSchema)).toEqual(answer(doc, "get", "/api/v1/me", 200));
    expect(asDocumented(createdTokenResponseSchema)).toEqual(answer(doc, "post", "/api/v1/tokens", 201));
    expect(asDocumented(createdInviteResponseSchema)).toEqual(answer(doc, "post", "/api/v1/invites", 201));
    expect(asDocumented(credentialDeletedSchema)).toEqual(answer(doc, "delete", "/api/v1/credentials/{id}", 200));
  });
});
