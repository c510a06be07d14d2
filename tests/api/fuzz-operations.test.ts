import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import type { OperationHandler } from "@/lib/api/handler";
import { setPlan } from "../support/billing";
import { makeUser, type TestUser } from "../support/factory";
import {
  HOSTILE_NUMBERS,
  bodyBytes,
  encodeQuery,
  expectErrorShape,
  hostileId,
  hostileString,
  mutate,
  prng,
  type Rng,
} from "../support/hostile";
import { routeFiles } from "../support/route-files";

/**
 * Every operation of the API, fuzzed from its own declaration: its path
 * parameters get hostile ids, its declared query parameters hostile values,
 * and its body is built from the body schema's fields and then mutated. A new
 * route is covered as soon as it is built from an operation. No answer may be
 * a 5xx, and every 4xx has the one error shape. tests/api/fuzz.test.ts aims
 * hand-made valid bodies at the workflow, run and event routes; this one makes
 * sure no route is left out. FUZZ_SEED=<n> replays a run; FUZZ_PER_OPERATION=<n>
 * changes its size.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 8);

/** A streamed answer (Server-Sent Events) is not read to its end: its status and headers are the answer. */
const STREAM_TIMEOUT_MS = 10_000;

interface Target {
  operation: ApiOperation;
  handler: OperationHandler;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

function jsonSchemaOf(schema: z.ZodType | undefined): JsonSchema {
  if (!schema) return {};
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** A plausible value for a field: one of its enum values, or something of its type. */
function plausible(r: Rng, schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 3) return hostileString(r);
  if (schema.enum?.length) return r.pick(schema.enum);
  if (schema.anyOf?.length) return plausible(r, r.pick(schema.anyOf), depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return r.pick(["name", "https://example.com/hook", "claude-sonnet-4-6", "admin", "UTC", "0 * * * *"]);
    case "number":
    case "integer":
      return r.pick([1, 5, 60]);
    case "boolean":
      return r.chance(0.5);
    case "array":
      return [plausible(r, schema.items, depth + 1)];
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausible(r, v, depth + 1)]),
      );
    default:
      // A field of any type (a run's input, an event's data).
      return r.chance(0.5) ? hostileString(r) : r.pick([{}, [], 1, null]);
  }
}

function makeRequest(r: Rng, target: Target, u: TestUser, real: string[]) {
  const { operation } = target;
  const params: Record<string, string> = {};
  for (const [, name] of operation.path.matchAll(/\{(\w+)\}/g))
    params[name!] = name === "version" && r.chance(0.5) ? String(r.pick(HOSTILE_NUMBERS)) : hostileId(r, real);
  let url = `http://localhost${operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeQuery(r, params[name]!))}`;
  const queryKeys = Object.keys(jsonSchemaOf(operation.query).properties ?? {});
  if (queryKeys.length && r.chance(0.8)) {
    const pairs = Array.from({ length: 1 + r.int(3) }, () => {
      const key = r.chance(0.85) ? r.pick(queryKeys) : hostileString(r).slice(0, 30);
      const value = r.chance(0.3) ? String(r.pick(HOSTILE_NUMBERS)) : hostileString(r).slice(0, 2000);
      return `${encodeQuery(r, key)}=${encodeQuery(r, value)}`;
    });
    url += `?${pairs.join("&")}`;
  }
  const headers = new Headers();
  // Half by token, half by an owner's session: tokens cannot reach the admin operations.
  if (r.chance(0.5)) headers.set("authorization", `Bearer ${u.token}`);
  else {
    headers.set("cookie", u.cookie);
    headers.set("origin", "http://localhost");
    headers.set("x-workspace", r.chance(0.8) ? u.workspaceId : hostileId(r, real).replace(/[^\x20-\x7e]/g, "?"));
  }
  for (const header of operation.headers ?? [])
    if (r.chance(0.5))
      headers.set(
        header.name,
        hostileString(r)
          .replace(/[^\x20-\x7e]/g, "?")
          .slice(0, 300),
      );
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (operation.method !== "get" && operation.method !== "delete") {
    headers.set("content-type", "application/json");
    const valid = plausible(r, jsonSchemaOf(operation.body));
    const shaped =
      valid && typeof valid === "object" && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
    body = bodyBytes(r, r.chance(0.15) || Object.keys(shaped).length === 0 ? valid : mutate(r, shaped));
  }
  const shown = typeof body === "string" ? body.slice(0, 160) : body ? `<${body.byteLength} bytes>` : "";
  return {
    request: new Request(url, { method: operation.method.toUpperCase(), headers, body }),
    params,
    describe: `${operation.method.toUpperCase()} ${url.slice(0, 200)} ${shown}`,
  };
}

/** The answer's status and text; a stream's text is what arrived before it was let go. */
async function answer(target: Target, request: Request, params: Record<string, string>) {
  const res = await target.handler(request, { params: Promise.resolve(params) });
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, text: "", contentType: res.headers.get("content-type") };
  }
  let timer: NodeJS.Timeout | undefined;
  const text = await Promise.race([
    res.text(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the answer did not end")), STREAM_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return { status: res.status, text, contentType: res.headers.get("content-type") };
}

describe("fuzz every operation", () => {
  it(`sends ${PER_OPERATION} generated requests to every operation: never a 5xx, always the error shape`, async () => {
    const targets: Target[] = (await routeFiles()).flatMap((file) =>
      file.methods.flatMap((m) => (m.operation ? [{ operation: m.operation, handler: m.handler }] : [])),
    );
    expect(targets.length).toBeGreaterThan(90);
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${targets.length} operations`);
    const r = prng(SEED);
    const u = await makeUser("fuzz-ops");
    // Paid, so the run rate and allowance rarely answer before validation does.
    await setPlan(u.workspaceId, "team");
    const real: string[] = [];

    const statuses: Record<string, number> = {};
    // Round by round over every operation, so a case that changes the workspace meets every route after it.
    for (let round = 0; round < PER_OPERATION; round++) {
      for (const target of targets) {
        const c = makeRequest(r, target, u, real);
        const { status, text, contentType } = await answer(target, c.request, c.params);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const label = `${target.operation.operationId} round ${round} (seed ${SEED}): ${c.describe}\n→ ${status} ${text.slice(0, 300)}`;
        // A feature this server has no keys for (billing without Stripe) says so with a 503; nothing else may be a 5xx.
        if (status === 503) expect(text, label).toMatch(/"code":"\w+_not_configured"/);
        else expect(status, label).toBeLessThan(500);
        if (status >= 400) {
          expectErrorShape(text, label);
        } else if (status < 300 && contentType?.includes("ndjson")) {
          // JSON Lines: every line is JSON.
          for (const line of text.split("\n").filter(Boolean)) expect(() => JSON.parse(line), label).not.toThrow();
        } else if (status < 300 && text) {
          // Something was created or read: keep its id to aim later cases at real rows.
          const id = (JSON.parse(text) as { id?: unknown }).id;
          if (typeof id === "string" && real.length < 30) real.push(id);
        }
      }
    }
    console.log(`fuzz answers by status: ${JSON.stringify(statuses)}`);
  }, 300_000);
});
