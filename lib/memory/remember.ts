import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { MAX_MEMORY_CHARS } from "./limits";

/**
 * Stores what a completed step learned for the run's user: the text of its
 * typed `remember` field as a fact when it has one, else its whole output as
 * an episode. A step writes once (a replayed step finds its memory there).
 */
export async function rememberStep(
  scope: Scope,
  step: {
    id: string;
    runId: string;
    workflowId: string;
    userId: string;
    sessionId: string | null;
    output: string | null;
    data: Record<string, unknown> | null;
  },
) {
  const fact = step.data && typeof step.data.remember === "string" ? step.data.remember.trim() : "";
  const content = (fact || step.output || "").trim().slice(0, MAX_MEMORY_CHARS);
  if (!content) return;
  await scope.db.memory.createMany({
    data: [
      {
        workspaceId: scope.workspaceId,
        userId: step.userId,
        sessionId: step.sessionId,
        kind: fact ? "fact" : "episode",
        content,
        workflowId: step.workflowId,
        runId: step.runId,
        stepId: step.id,
      },
    ],
    skipDuplicates: true,
  });
}
