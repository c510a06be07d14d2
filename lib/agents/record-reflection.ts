import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { appendAgentLog } from "./agent-log";
import { KEEP_REFLECTIONS } from "./constants";

export interface ReflectionRecord {
  agentId: string;
  tickId?: string | null;
  workflowId?: string | null;
  verdict: Verdict;
  reason: string;
  patch?: Prisma.InputJsonValue;
  fromVersionId?: string | null;
  toVersionId?: string | null;
  rolledBack?: boolean;
  /** "open": a proposal waiting for an admin (the agent proposes instead of applying). */
  proposal?: "open" | null;
  raw?: string | null;
}

/**
 * Stores a reflection and its log line, keeping only the newest 50
 * reflections of the agent, all in one transaction.
 */
export function recordReflection(scope: Scope, input: ReflectionRecord) {
  const { workspaceId } = scope;
  return scope.db.$transaction(async (tx) => {
    const row = await tx.reflection.create({
      data: {
        workspaceId,
        agentId: input.agentId,
        tickId: input.tickId ?? null,
        workflowId: input.workflowId ?? null,
        verdict: input.verdict,
        reason: input.reason.slice(0, 2000),
        patch: input.patch,
        fromVersionId: input.fromVersionId ?? null,
        toVersionId: input.toVersionId ?? null,
        rolledBack: input.rolledBack ?? false,
        proposal: input.proposal ?? null,
        raw: input.raw?.slice(0, 20_000) ?? null,
      },
    });
    const stale = await tx.reflection.findMany({
      where: { agentId: input.agentId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: KEEP_REFLECTIONS,
      select: { id: true },
    });
    if (stale.length) await tx.reflection.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
    await appendAgentLog(tx, workspaceId, input.agentId, {
      level: input.verdict === "fail" || input.rolledBack ? "warn" : "info",
      message:
        `Reflection: ${input.verdict}${input.rolledBack ? " (rolled back)" : ""}${input.proposal ? " (proposed)" : ""} — ${input.reason}`.slice(
          0,
          500,
        ),
      data: { reflectionId: row.id, workflowId: input.workflowId ?? null, tickId: input.tickId ?? null },
    });
    return row;
  });
}
