/**
 * A separate process running the in-process driver, for the crash and
 * scale-out tests: it runs the given workspaces' jobs and logs every model
 * call to CALL_LOG. FUNCTIONS=parallel runs the parallel-steps test function
 * instead of run-crew.
 * Run with: node --conditions=react-server --import tsx tests/support/engine-child.ts
 */
import { appendFileSync } from "node:fs";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver } from "@/lib/engine/driver";
import { registerLocalResponder } from "@/lib/models/local-responders";
import { parallelSteps } from "./parallel-function";

const log = process.env.CALL_LOG!;
registerLocalResponder({
  id: "call-log",
  respond(req) {
    const run = /Run #\d+/.exec(JSON.stringify(req.messages))?.[0] ?? null;
    appendFileSync(log, `${JSON.stringify({ pid: process.pid, role: req.role, run })}\n`);
    return null;
  },
});

await startDriver({
  functions: process.env.FUNCTIONS === "parallel" ? [parallelSteps] : runCrew,
  workspaces: (process.env.WORKSPACE_ID ?? "").split(","),
  config: { pollMs: 50, leaseMs: Number(process.env.ENGINE_LEASE_MS ?? 1000) },
});
console.log("driver started");
