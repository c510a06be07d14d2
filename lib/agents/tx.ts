import type { TenantDb } from "@/lib/db/tenant";

/** The client inside `scope.db.$transaction(async (tx) => …)`: still confined to the workspace. */
export type TenantTx = Parameters<Extract<Parameters<TenantDb["$transaction"]>[0], (...args: never[]) => unknown>>[0];
