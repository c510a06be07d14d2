import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { REMEMBER_TOOL_NAME } from "@/lib/tools/tool-names";
import type { ToolSpec } from "@/lib/tools/types";
import { MAX_MEMORY_CHARS } from "./limits";

/** The tool a graph node with `memory: write` or `read-write` is offered. */
export const REMEMBER_TOOL_SPEC: ToolSpec = {
  name: REMEMBER_TOOL_NAME,
  description:
    "Remember one fact about the user this run is for, to be recalled in later runs for the same user. " +
    "Call it once per fact worth keeping (a preference, a decision, a detail they gave); never for secrets.",
  inputSchema: {
    type: "object",
    properties: {
      fact: {
        type: "string",
        description: `The fact, in one or two sentences (at most ${MAX_MEMORY_CHARS} characters).`,
      },
    },
    required: ["fact"],
  },
};

/**
 * Stores a `remember` call's fact for the run's user (and session), in the
 * run's workspace only. `key` names the call (its step and index), so a call
 * made again after a crash stores it once. Returns what the model is told.
 */
export async function rememberFact(
  scope: Scope,
  call: { runId: string; key: string; input: unknown },
): Promise<{ result: string | null; error: string | null }> {
  const fact = (call.input as { fact?: unknown } | null)?.fact;
  if (typeof fact !== "string" || !fact.trim()) return { result: null, error: "Give the fact to remember as text" };
  const run = await scope.db.run.findFirst({
    where: { id: call.runId },
    select: { workflowId: true, memoryUserId: true, memorySessionId: true },
  });
  if (!run?.memoryUserId) {
    return { result: null, error: "This run was not started for a user (no userId), so nothing can be remembered" };
  }
  await scope.db.memory.createMany({
    data: [
      {
        workspaceId: scope.workspaceId,
        userId: run.memoryUserId,
        sessionId: run.memorySessionId,
        kind: "fact",
        content: fact.trim().slice(0, MAX_MEMORY_CHARS),
        workflowId: run.workflowId,
        runId: call.runId,
        stepId: call.key,
      },
    ],
    skipDuplicates: true,
  });
  return { result: "Remembered.", error: null };
}
