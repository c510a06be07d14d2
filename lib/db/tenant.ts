import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./client";

/**
 * Models owned by a workspace. Every Prisma query on them made through
 * `tenantDb` carries the workspace filter. Raw SQL is not filtered by the
 * client: every raw statement takes its filter from `workspaceFilter` below.
 */
const TENANT_MODELS = new Set([
  "Membership",
  "Invite",
  "ApiToken",
  "Credential",
  "Workflow",
  "WorkflowVersion",
  "Run",
  "Step",
  "ApprovalLink",
  "UsageEvent",
  "Agent",
  "AgentTick",
  "Reflection",
  "AgentLog",
  "Subscription",
  "CheckoutSession",
  "ToolCall",
  "Sandbox",
  "McpServer",
  "EventType",
  "Event",
  "RunStreamSlot",
  "WebhookDelivery",
  "WebhookEndpoint",
  "WebhookMessage",
  "AuditEntry",
  "AuditCheckpoint",
  "CredentialUse",
  "Chat",
  "ChatMessage",
  "Memory",
  "Skill",
  "Sensor",
]);

const UNIQUE_WHERE_OPS = new Set(["findUnique", "findUniqueOrThrow", "update", "delete", "upsert"]);
const FILTER_OPS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "updateMany",
  "updateManyAndReturn",
  "deleteMany",
]);

type Args = Record<string, unknown> & { where?: Record<string, unknown> };

function scopeArgs(operation: string, rawArgs: unknown, workspaceId: string): Args {
  const args: Args = { ...((rawArgs as Args | undefined) ?? {}) };
  if (UNIQUE_WHERE_OPS.has(operation)) {
    // A unique lookup keeps its unique field at the top and gains the tenant
    // filter beside it; ours is written last, so a caller cannot override it.
    args.where = { ...(args.where ?? {}), workspaceId };
  } else if (FILTER_OPS.has(operation)) {
    args.where = args.where ? { AND: [args.where, { workspaceId }] } : { workspaceId };
  }
  if (operation === "create") {
    args.data = { ...(args.data as object), workspaceId };
  } else if (operation === "upsert") {
    args.create = { ...(args.create as object), workspaceId };
  } else if (operation === "createMany" || operation === "createManyAndReturn") {
    const data = args.data as object | object[];
    args.data = Array.isArray(data) ? data.map((row) => ({ ...row, workspaceId })) : { ...data, workspaceId };
  }
  return args;
}

/** The extension that confines a client to one workspace (a test gives it a client of its own). */
export function tenantExtension(workspaceId: string) {
  return Prisma.defineExtension({
    name: "tenant",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          return query(scopeArgs(operation, args, workspaceId) as typeof args);
        },
      },
    },
  });
}

function extendFor(workspaceId: string) {
  return db.$extends(tenantExtension(workspaceId));
}

export type TenantDb = ReturnType<typeof extendFor>;

/** The client inside `scope.db.$transaction(async (tx) => …)`: still confined to the workspace. */
export type TenantTx = Parameters<Extract<Parameters<TenantDb["$transaction"]>[0], (...args: never[]) => unknown>>[0];

/** Extended clients are reused: building one costs more than a simple query. */
const CACHE_SIZE = 1_000;
const cache = new Map<string, TenantDb>();

/** A Prisma client whose every query on a tenant model is confined to one workspace. */
export function tenantDb(workspaceId: string): TenantDb {
  if (!workspaceId) throw new Error("tenantDb needs a workspace id");
  let client = cache.get(workspaceId);
  if (client) {
    // Most recently used last, so the oldest entry is the one evicted.
    cache.delete(workspaceId);
  } else {
    client = extendFor(workspaceId);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(workspaceId, client);
  return client;
}

/** What domain functions take: the workspace and a client confined to it. */
export interface Scope {
  workspaceId: string;
  db: TenantDb;
}

export function scopeFor(workspaceId: string): Scope {
  return { workspaceId, db: tenantDb(workspaceId) };
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The workspace filter of a raw SQL statement: `alias."workspaceId" = $n`
 * (or the bare column without an alias). Every raw statement on a tenant
 * table uses it, once per table it reads or writes, so none can forget it.
 */
export function workspaceFilter(scope: Pick<Scope, "workspaceId"> | string, alias?: string): Prisma.Sql {
  const workspaceId = typeof scope === "string" ? scope : scope.workspaceId;
  if (!workspaceId) throw new Error("workspaceFilter needs a workspace id");
  if (alias === undefined) return Prisma.sql`"workspaceId" = ${workspaceId}`;
  if (!ALIAS.test(alias)) throw new Error(`Not a table alias: ${alias}`);
  return Prisma.sql`${Prisma.raw(`"${alias}"`)}."workspaceId" = ${workspaceId}`;
}
