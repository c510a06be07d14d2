import { randomBase62 } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import { crewRecipe } from "@/lib/runs/transcript";

export interface TestAgent {
  role: string;
  systemPrompt: string;
  model?: string;
  tools?: string[];
  credentials?: string[];
}

/** A bare workspace (no users) for engine tests. */
export async function makeWorkspace(plan: Plan = "free") {
  const slug = `eng-${randomBase62(10).toLowerCase()}`;
  return db.workspace.create({ data: { name: slug, slug, plan } });
}

/**
 * Creates a workflow, its first version and a queued run with one pending step
 * per agent, as the run API does, directly with Prisma.
 */
export async function makeRun(opts: { workspaceId: string; crew: TestAgent[]; input?: string; model?: string }) {
  const model = opts.model ?? "claude-sonnet-4-6";
  const workflow = await db.workflow.create({
    data: { workspaceId: opts.workspaceId, name: "Engine test", model },
  });
  const version = await db.workflowVersion.create({
    data: { workspaceId: opts.workspaceId, workflowId: workflow.id, version: 1, crew: opts.crew as object[] },
  });
  const run = await db.run.create({
    data: {
      workspaceId: opts.workspaceId,
      workflowId: workflow.id,
      workflowVersionId: version.id,
      input: opts.input ?? "Write a short guide to brewing green tea.",
      stepCount: opts.crew.length,
      steps: {
        create: opts.crew.map((a, index) => ({
          workspaceId: opts.workspaceId,
          index,
          role: a.role,
          model: a.model ?? model,
          input: { ...crewRecipe(a.systemPrompt, index) },
        })),
      },
    },
  });
  return { workflow, version, run };
}

export const THREE_AGENTS: TestAgent[] = [
  { role: "planner", systemPrompt: "You are the planner. Break the request into ordered steps." },
  { role: "researcher", systemPrompt: "You are the researcher. Extract the key facts." },
  { role: "writer", systemPrompt: "You are the writer. Produce the final document." },
];

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the run to reach a terminal status and returns it with its steps. */
export async function waitForRun(runId: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const run = await db.run.findUnique({
      where: { id: runId },
      include: { steps: { orderBy: { index: "asc" } }, usageEvent: true },
    });
    return run && ["completed", "failed", "cancelled"].includes(run.status) ? run : null;
  }, timeoutMs);
}
