/**
 * A separate process running the in-process driver, for the crash test: it
 * runs one workspace's jobs and logs every model call to CALL_LOG.
 * Run with: node --conditions=react-server --import tsx tests/support/engine-child.ts
 */
import { appendFileSync } from "node:fs";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver } from "@/lib/engine/driver";
import { registerLocalResponder } from "@/lib/models/local-responders";

const log = process.env.CALL_LOG!;
registerLocalResponder({
  id: "call-log",
  respond(req) {
    appendFileSync(log, `${JSON.stringify({ pid: process.pid, role: req.role })}\n`);
    return null;
  },
});

await startDriver({
  functions: runCrew,
  workspaces: [process.env.WORKSPACE_ID!],
  config: { pollMs: 50, leaseMs: Number(process.env.ENGINE_LEASE_MS ?? 1000) },
});
console.log("driver started");
