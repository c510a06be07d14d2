import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { appendAgentLog } from "./agent-log";
import { checkPatch } from "./crew-patch";
import { currentCrew } from "./current-crew";
import type { ParsedReflection } from "./parse-reflection";
import { recordReflection } from "./record-reflection";
import { replaceVersion, type NewContent } from "@/lib/workflows/replace-version";
import { armTrigger } from "@/lib/workflows/triggers/arm-trigger";
import type { VersionContent } from "@/lib/workflows/serialize-workflow";
import { checkGraphPatch } from "./graph-patch";
import { crewPatchOverreach, graphPatchOverreach } from "./reflection-limits";
import { auditedWrite } from "@/lib/audit/audited-write";

export interface ApplyReflectionInput {
  agentId: string;
  tickId?: string | null;
  workflowId: string;
  parsed: ParsedReflection;
  raw?: string | null;
}

/** A patch checked against what the workflow holds: a crew patch for a crew, a graph patch for a graph. */
function checkedPatch(
  patch: unknown,
  current: VersionContent,
): { ok: true; content: NewContent; patch: object } | { ok: false; problem: string } {
  if (current.kind === "graph") {
    const check = checkGraphPatch(patch, current.graph);
    if (!check.ok) return check;
    const overreach = graphPatchOverreach(current.graph, check.graph);
    return overreach
      ? { ok: false, problem: overreach }
      : { ok: true, content: { graph: check.graph }, patch: check.graph };
  }
  const check = checkPatch(patch);
  if (!check.ok) return check;
  const overreach = crewPatchOverreach(current.crew ?? [], check.crew);
  return overreach
    ? { ok: false, problem: overreach }
    : { ok: true, content: { crew: check.crew }, patch: { agents: check.crew } };
}

/**
 * Applies one verdict:
 * - ok: recorded, the workflow is left alone;
 * - modify: the patch (a complete crew, or for a graph workflow a complete
 *   graph checked like a saved one) is checked; a malformed one, or one that
 *   changes what a reflection may not (models, endpoints, credentials, tools,
 *   emits, triggers; budgets and caps upwards: lib/agents/reflection-limits),
 *   downgrades the verdict to ok with the reason recorded. A good one is saved as a new version (source
 *   "reflection"); if saving throws, the workflow is pointed back at the version
 *   it had and the reflection is marked rolledBack;
 * - fail: recorded and the agent is marked failed.
 */
export async function applyReflection(scope: Scope, input: ApplyReflectionInput) {
  const { parsed } = input;
  const base = {
    agentId: input.agentId,
    tickId: input.tickId ?? null,
    workflowId: input.workflowId,
    raw: input.raw ?? null,
  };

  if (parsed.verdict === "fail") {
    const row = await recordReflection(scope, { ...base, verdict: "fail", reason: parsed.reason });
    await scope.db.agent.updateMany({
      where: { id: input.agentId, status: { not: "paused" } },
      data: { status: "failed" },
    });
    return row;
  }
  if (parsed.verdict === "ok") {
    return recordReflection(scope, { ...base, verdict: "ok", reason: parsed.reason });
  }

  const before = await currentCrew(scope, input.workflowId);
  const check = checkedPatch(parsed.patch, before.content);
  if (!check.ok) {
    return recordReflection(scope, {
      ...base,
      verdict: "ok",
      reason: `Downgraded from modify to ok: ${check.problem}. ${parsed.reason}`,
    });
  }

  const agent = await scope.db.agent.findFirst({ where: { id: input.agentId }, select: { patchMode: true } });
  if (agent?.patchMode === "propose") {
    // Stored as a proposal: an admin approves it (lib/agents/decide-proposal.ts) or rejects it.
    return recordReflection(scope, {
      ...base,
      verdict: "modify",
      reason: parsed.reason,
      patch: check.patch,
      fromVersionId: before.version.id,
      proposal: "open",
    });
  }

  try {
    const saved = await replaceVersion(scope, {
      workflowId: input.workflowId,
      content: check.content,
      source: "reflection",
      note: parsed.reason.slice(0, 500),
      audit: {
        actor: { type: "reflection", id: input.agentId },
        action: "workflow_version.reflection_patched",
        details: { fromVersion: before.workflow.currentVersion, tickId: base.tickId },
      },
    });
    const reflection = await recordReflection(scope, {
      ...base,
      verdict: "modify",
      reason: parsed.reason,
      patch: check.patch,
      fromVersionId: before.version.id,
      toVersionId: saved.version.id,
    });
    return reflection;
  } catch (err) {
    // Put the workflow back on the version it had before the attempt.
    const message = err instanceof Error ? err.message : String(err);
    await auditedWrite(
      scope,
      { type: "reflection", id: input.agentId },
      (tx) =>
        tx.workflow.updateMany({
          where: { id: input.workflowId },
          data: { currentVersion: before.workflow.currentVersion },
        }),
      () => ({
        action: "workflow_version.rolled_back",
        target: { type: "workflow", id: input.workflowId },
        details: { keptVersion: before.workflow.currentVersion, error: message.slice(0, 200) },
      }),
    );
    await armTrigger(scope, input.workflowId);
    await scope.db.$transaction((tx) =>
      appendAgentLog(tx, scope.workspaceId, input.agentId, {
        level: "error",
        message: `Saving the patched ${before.content.kind} failed; kept version ${before.workflow.currentVersion}.`,
        data: { workflowId: input.workflowId, error: message.slice(0, 500) },
      }),
    );
    return recordReflection(scope, {
      ...base,
      verdict: "modify",
      reason: `${parsed.reason} (saving the patch failed, the previous version was restored)`,
      patch: check.patch,
      fromVersionId: before.version.id,
      toVersionId: null,
      rolledBack: true,
    });
  }
}
