import { afterAll, describe, expect, it } from "vitest";
import { agentTick } from "@/inngest/functions/agent-tick";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { makeUser } from "../support/factory";
import { waitFor } from "../support/runs";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("an agent tick that fails for good", () => {
  it("returns its agent to idle, fails the tick and logs the reason, so the next slot fires", async () => {
    const u = await makeUser("tick-fails");
    const wf = await makeWorkflow(u, "Digest", [{ role: "writer", systemPrompt: "Write." }]);
    const agent = await makeAgent(u, agentBody([wf.id], { goal: "Publish." }));
    const tick = await db.agentTick.create({
      data: { workspaceId: u.workspaceId, agentId: agent.id, scheduledFor: new Date(), status: "running" },
    });
    await db.agent.update({ where: { id: agent.id }, data: { status: "running" } });
    driver = await startDriver({ functions: agentTick, workspaces: [u.workspaceId], config: { pollMs: 50 } });

    // What the engine (the driver, or an Inngest server) sends when agent-tick's retries are spent.
    await sendEvent({
      name: "inngest/function.failed",
      data: {
        function_id: "loopllama-agent-tick-free",
        run_id: "r1",
        error: { name: "Error", message: "database went away" },
        event: { name: "agent/tick", data: { tickId: tick.id, agentId: agent.id, workspaceId: u.workspaceId } },
      },
    });

    const idle = await waitFor(() => db.agent.findFirst({ where: { id: agent.id, status: "idle" } }));
    expect(idle.status).toBe("idle");
    expect((await db.agentTick.findUniqueOrThrow({ where: { id: tick.id } })).status).toBe("failed");
    const log = await db.agentLog.findFirst({ where: { agentId: agent.id, level: "error" } });
    expect(log?.message).toContain("database went away");
  });
});
