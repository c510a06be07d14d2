import { appendFileSync } from "node:fs";
import { inngest } from "@/inngest/client";

/** Logs a step's start and end to CALL_LOG (shared by the processes of a test). */
function log(step: string, phase: "start" | "end") {
  appendFileSync(process.env.CALL_LOG!, `${JSON.stringify({ pid: process.pid, step, phase })}\n`);
}

async function work(step: string, ms: number) {
  log(step, "start");
  await new Promise((r) => setTimeout(r, ms));
  log(step, "end");
  return { step, by: process.pid };
}

/**
 * Two parallel steps (Promise.all of step.run), a fast one and a slow one, as
 * a graph node fanning out will; for the crash test.
 */
export const parallelSteps = inngest.createFunction(
  {
    id: "test-parallel-steps",
    triggers: [{ event: "test/parallel" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 5 }],
  },
  async ({ step }) => {
    const [fast, slow] = await Promise.all([
      step.run("fast", () => work("fast", 300)),
      step.run("slow", () => work("slow", 3000)),
    ]);
    return step.run("join", () => work("join", 10).then(() => ({ fast, slow })));
  },
);
