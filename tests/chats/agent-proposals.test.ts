import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getChat } from "@/app/api/v1/chats/[id]/route";
import { agentReflect } from "@/inngest/functions/agent-reflect";
import { tickReadyEvent } from "@/lib/agents/events";
import { AI_CAPABILITY_NOTE, tickInput } from "@/lib/agents/run-agent-tick";
import { agentChatId, saveAgentProposals } from "@/lib/chats/save-agent-proposals";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { agentBody, makeAgent, makeWorkflow } from "../agents/helpers";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { agentBlock, chainWorkflow, create } from "./helpers";

let other: TestUser;

beforeAll(async () => {
  other = await makeUser("proposals-other");
});

const fence = (kind: string, value: unknown) => "```" + kind + "\n" + JSON.stringify(value) + "\n```";

/** An agent whose tick has one completed run that wrote `output`. */
async function tickWithOutput(u: TestUser, capabilities: string[], output: string) {
  const wf = await makeWorkflow(u, `Scout ${capabilities.join("-") || "plain"}`);
  const agent = await makeAgent(u, agentBody([wf.id], { name: `Scout ${capabilities.join(" ")}`, capabilities }));
  const tick = await db.agentTick.create({
    data: { workspaceId: u.workspaceId, agentId: agent.id, scheduledFor: new Date(), status: "running", manual: true },
  });
  const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: wf.id } });
  const run = await db.run.create({
    data: {
      workspaceId: u.workspaceId,
      workflowId: wf.id,
      workflowVersionId: version.id,
      input: tickInput("Find what the team needs.", capabilities),
      status: "completed",
      output,
      stepCount: 0,
      triggeredBy: "agent",
      agentId: agent.id,
      agentTickId: tick.id,
    },
  });
  return { agentId: agent.id as string, tickId: tick.id, runId: run.id };
}

const PROPOSAL = [
  "The team keeps asking for a changelog digest.",
  fence("workflow-create", chainWorkflow("Changelog digest")),
  fence("agent-create", agentBlock({ name: "Digest agent", workflows: ["Changelog digest"] })),
].join("\n");

describe("the ai capability", () => {
  it("an agent's own run proposes through Loopi blocks, saved in its chat for a person to create", async () => {
    const u = await makeUser("proposals");
    const { agentId, tickId, runId } = await tickWithOutput(u, ["ai"], PROPOSAL);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).input).toContain(AI_CAPABILITY_NOTE);
    const before = await db.workflow.count({ where: { workspaceId: u.workspaceId } });

    const reflected = await new InngestTestEngine({ function: agentReflect[0]! }).execute({
      events: [tickReadyEvent({ tickId, agentId, workspaceId: u.workspaceId })],
      steps: [{ id: `usage-${runId}`, handler: () => ({ ids: ["evt-test"] }) }],
    });
    expect(reflected.error).toBeUndefined();

    // Saved as a reply in the agent's chat, checked, and not applied.
    const chatId = agentChatId(agentId);
    const chat = await call(getChat, apiRequest("GET", `/api/v1/chats/${chatId}`, { token: u.token }), { id: chatId });
    expect(chat.status).toBe(200);
    expect(chat.body.title).toMatch(/^Proposals from Scout ai/);
    const [message] = chat.body.messages;
    expect(message.role).toBe("assistant");
    expect(message.created).toBeNull();
    expect(message.blocks.map((b: { kind: string; valid: boolean }) => [b.kind, b.valid])).toEqual([
      ["workflow-create", true],
      ["agent-create", true],
    ]);
    expect(message.blocks[1].value.parentAgentId).toBe(agentId);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(before);
    expect(await db.agent.count({ where: { workspaceId: u.workspaceId, name: "Digest agent" } })).toBe(0);

    // Saved once however often it is retried.
    const again = await saveAgentProposals(scopeFor(u.workspaceId), { agentId, runIds: [runId] });
    expect(again).toEqual([message.id]);
    expect(await db.chatMessage.count({ where: { chatId } })).toBe(1);

    // Another workspace cannot read or create it.
    expect(
      (await call(getChat, apiRequest("GET", `/api/v1/chats/${chatId}`, { token: other.token }), { id: chatId }))
        .status,
    ).toBe(404);
    expect((await create(other, chatId, message.id)).status).toBe(404);

    // A person's click creates it: the new agent names the one that proposed it.
    const made = await create(u, chatId, message.id);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.agents[0]).toMatchObject({ createdBy: "loopi", parentAgentId: agentId, chatId });
  });

  it("an agent without the capability proposes nothing, and a run without blocks saves nothing", async () => {
    const u = await makeUser("proposals-none");
    const plain = await tickWithOutput(u, [], PROPOSAL);
    expect((await db.run.findUniqueOrThrow({ where: { id: plain.runId } })).input).not.toContain(AI_CAPABILITY_NOTE);
    expect(
      await saveAgentProposals(scopeFor(u.workspaceId), { agentId: plain.agentId, runIds: [plain.runId] }),
    ).toEqual([]);
    const quiet = await tickWithOutput(u, ["ai"], "Nothing to propose today.");
    expect(
      await saveAgentProposals(scopeFor(u.workspaceId), { agentId: quiet.agentId, runIds: [quiet.runId] }),
    ).toEqual([]);
    expect(await db.chat.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it("a hostile proposal is kept checked and harmless: another workspace's ids are unknown, unreadable blocks are left out", async () => {
    const u = await makeUser("proposals-hostile");
    const foreign = await makeWorkflow(other, "Theirs");
    const output = [
      fence("workflow-update", { workflowId: foreign.id, patch: { agents: [{ role: "x", systemPrompt: "y" }] } }),
      "```agent-create\n" + '{"name": "x", "__proto__": {"admin": true}}' + "\n```",
    ].join("\n");
    const { agentId, runId } = await tickWithOutput(u, ["ai"], output);
    const [id] = await saveAgentProposals(scopeFor(u.workspaceId), { agentId, runIds: [runId] });
    const message = await db.chatMessage.findUniqueOrThrow({ where: { id: id! } });
    expect(message.content).toMatch(/1 block was not readable and left out/);
    const blocks = message.blocks as { kind: string; valid: boolean; problems: { field: string }[] }[];
    expect(blocks.map((b) => [b.kind, b.valid, b.problems[0]?.field])).toEqual([
      ["workflow-update", false, "workflowId"],
    ]);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: foreign.id } })).currentVersion).toBe(1);
  });
});
