import { beforeAll, describe, expect, it } from "vitest";
import { GET as getChat } from "@/app/api/v1/chats/[id]/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { GET as getAgent } from "@/app/api/v1/agents/[id]/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { MAX_AGENTS_PER_WORKSPACE } from "@/lib/agents/create-agent";
import { MAX_BLOCK_CHARS } from "@/lib/chats/limits";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { makeWorkflow } from "../agents/helpers";
import { agentBlock, ask, chainWorkflow, check, create, discardReply, newChat, reply } from "./helpers";

let a: TestUser;
let b: TestUser;

beforeAll(async () => {
  [a, b] = await Promise.all([makeUser("blocks-a"), makeUser("blocks-b")]);
});

/** A graph workflow of the user's, made through the API. */
async function graphWorkflow(u: TestUser, name: string) {
  const chat = await newChat(u);
  const sent = await ask(u, chat.id, { content: reply(["workflow-create", chainWorkflow(name)]), autoCreate: true });
  expect(sent.body.created, JSON.stringify(sent.body.problems)).not.toBeNull();
  return sent.body.created.workflows[0] as { id: string; currentVersion: number };
}

const twoSteps = {
  nodes: [
    { id: "look", role: "looker", systemPrompt: "Look at the status page." },
    { id: "tell", role: "teller", systemPrompt: "Say what you saw." },
  ],
  edges: [
    { from: "look", to: "tell" },
    { from: "tell", to: "END" },
  ],
};

const incident = { name: "IncidentOpened", fields: { title: "str", severity: "enum[low, high]" } };

const onIncident = (name: string) => ({
  name,
  graph: {
    start: "handle",
    trigger: { event: "IncidentOpened" },
    nodes: [{ id: "handle", role: "handler", systemPrompt: "Handle {{ event.title }}." }],
    edges: [{ from: "handle", to: "END" }],
  },
});

async function readChat(u: TestUser, chatId: string) {
  return call(getChat, apiRequest("GET", `/api/v1/chats/${chatId}`, { token: u.token }), { id: chatId });
}

describe("workflow-update and event-type-create blocks", () => {
  it("are checked and created in one click: event types, workflows, updates, then agents", async () => {
    const u = await makeUser("blocks-all");
    const existing = await graphWorkflow(u, "Status check");
    const chat = await newChat(u);
    const sent = await ask(u, chat.id, {
      content: reply(
        ["agent-create", agentBlock({ workflows: ["Status check", "Incident handler"] })],
        ["workflow-update", { workflow: "Status check", patch: twoSteps, note: "Say what was seen" }],
        ["workflow-create", onIncident("Incident handler")],
        ["event-type-create", incident],
      ),
    });
    expect(sent.status).toBe(200);
    const blocks = sent.body.reply.blocks;
    expect(
      blocks.map((x: { kind: string; valid: boolean; problems: unknown[] }) => [x.kind, x.valid, x.problems]),
    ).toEqual([
      ["agent-create", true, []],
      ["workflow-update", true, []],
      ["workflow-create", true, []],
      ["event-type-create", true, []],
    ]);
    // The update card carries what the workflow holds now and after, for the diff view.
    const update = blocks[1].update;
    expect(update.workflowId).toBe(existing.id);
    expect(update.fromVersion).toBe(1);
    expect(update.before.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["check"]);
    expect(update.after.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["look", "tell"]);
    expect(blocks[1].name).toBe("Status check");
    // Nothing exists before the click.
    expect(await db.eventType.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    const made = await create(u, chat.id, sent.body.reply.id);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.eventTypes.map((e: { name: string }) => e.name)).toEqual(["IncidentOpened"]);
    expect(made.body.workflows.map((w: { name: string }) => w.name)).toEqual(["Incident handler"]);
    expect(made.body.updated.map((w: { id: string; currentVersion: number }) => [w.id, w.currentVersion])).toEqual([
      [existing.id, 2],
    ]);
    const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: existing.id, version: 2 } });
    expect(version.note).toBe("Say what was seen");
    expect((version.graph as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(["look", "tell"]);
    const agent = made.body.agents[0];
    expect(agent.workflowIds).toEqual([existing.id, made.body.workflows[0].id]);
    const read = await readChat(u, chat.id);
    expect(read.body.messages[1].created).toEqual({
      workflowIds: [made.body.workflows[0].id],
      agentIds: [agent.id],
      eventTypeIds: [made.body.eventTypes[0].id],
      updated: [{ workflowId: existing.id, version: 2 }],
    });
  });

  it("name each problem: another workspace's workflow, a malformed patch, a crew given a graph, taken and repeated names", async () => {
    const foreign = await graphWorkflow(b, "B's graph");
    const crew = await makeWorkflow(a, "A crew");
    await db.eventType.create({ data: { workspaceId: a.workspaceId, name: "Taken", fields: {} } });
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, {
      content: reply(
        ["workflow-update", { workflowId: foreign.id, patch: twoSteps }],
        ["workflow-update", { workflowId: crew.id, patch: twoSteps }],
        ["workflow-update", { workflow: "A crew", workflowId: crew.id, patch: { agents: [] } }],
        ["workflow-update", { workflow: "Nowhere", patch: twoSteps }],
        ["event-type-create", { name: "taken", fields: {} }],
        ["event-type-create", { name: "Fresh", fields: { title: "string" } }],
        ["event-type-create", { name: "Twice", fields: {} }],
        ["event-type-create", { name: "TWICE", fields: {} }],
        ["workflow-create", onIncident("Needs an event")],
      ),
      autoCreate: true,
    });
    expect(sent.status).toBe(200);
    const problems = sent.body.reply.blocks.map(
      (x: { valid: boolean; problems: { field: string; message: string }[] }) => [
        x.valid,
        x.problems.map((p) => p.field),
      ],
    );
    expect(problems).toEqual([
      [false, ["workflowId"]],
      [false, ["patch"]],
      [false, ["workflowId"]],
      [false, ["workflow"]],
      [false, ["name"]],
      [false, ["fields.title"]],
      [true, []],
      [false, ["name"]],
      [false, ["graph.trigger.event"]],
    ]);
    const blocks = sent.body.reply.blocks;
    expect(blocks[0].problems[0].message).toBe("No workflow with this id in this workspace");
    expect(blocks[0].update).toBeUndefined();
    expect(blocks[1].problems[0].message).toMatch(/graph patch cannot replace a crew workflow/);
    // Nothing is created, and B's workflow is untouched.
    expect(sent.body.created).toBeNull();
    expect(await db.eventType.count({ where: { workspaceId: a.workspaceId, name: "Twice" } })).toBe(0);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: foreign.id } })).currentVersion).toBe(1);
    const click = await create(a, chat.id, sent.body.reply.id);
    expect(click.status).toBe(400);
    expect(click.body.error.details.map((d: { field: string }) => d.field)).toContain("blocks.0.workflowId");
  });

  it("hostile update and event type blocks (prototype keys, oversize) are refused without harm", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, {
      content:
        '[[simulate:reply:```workflow-update\n{"workflow": "x", "patch": {"nodes": [], "constructor": {"prototype": {"x": 1}}}}\n```\n' +
        '```event-type-create\n{"name": "E", "fields": {"__proto__": "str"}}\n```]]',
    });
    const blocks = sent.body.reply.blocks;
    expect(blocks.map((x: { valid: boolean }) => x.valid)).toEqual([false, false]);
    expect(blocks[0].problems[0]).toEqual({ field: "patch.constructor", message: "This key is not allowed" });
    expect(blocks[1].problems[0]).toEqual({ field: "fields.__proto__", message: "This key is not allowed" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // An edit past the block limit is refused like a reply's own block.
    const big = { workflow: "x", patch: { nodes: [], edges: [] }, note: "y".repeat(MAX_BLOCK_CHARS) };
    const checked = await check(a, chat.id, sent.body.reply.id, { blocks: [{ index: 0, value: big }] });
    expect(checked.status).toBe(200);
    expect(checked.body.blocks[0].problems[0].message).toMatch(/at most/);
  });

  it("creation stays all or nothing: a failing agent leaves no event type and no new version", async () => {
    const u = await makeUser("blocks-atomic");
    const existing = await graphWorkflow(u, "Status check");
    await db.agent.createMany({
      data: Array.from({ length: MAX_AGENTS_PER_WORKSPACE }, (_, i) => ({
        workspaceId: u.workspaceId,
        name: `Filler ${i}`,
        role: "filler",
        goal: "Fill the workspace.",
        model: "claude-sonnet-4-6",
        capabilities: [],
      })),
    });
    const chat = await newChat(u);
    const sent = await ask(u, chat.id, {
      content: reply(
        ["event-type-create", incident],
        ["workflow-update", { workflowId: existing.id, patch: twoSteps }],
        ["agent-create", agentBlock({ workflows: ["Status check"] })],
      ),
    });
    expect(sent.body.reply.blocks.every((x: { valid: boolean }) => x.valid)).toBe(true);
    const click = await create(u, chat.id, sent.body.reply.id);
    expect(click.status).toBe(400);
    expect(click.body.error.code).toBe("limit_reached");
    expect(await db.eventType.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: existing.id } })).currentVersion).toBe(1);
    expect(await db.workflowVersion.count({ where: { workflowId: existing.id } })).toBe(1);
  });

  it("an update is made only on the version it was shown against", async () => {
    const u = await makeUser("blocks-stale");
    const existing = await graphWorkflow(u, "Status check");
    const chat = await newChat(u);
    const first = await ask(u, chat.id, {
      content: reply(["workflow-update", { workflowId: existing.id, patch: twoSteps }]),
    });
    expect(first.body.reply.blocks[0].update.fromVersion).toBe(1);
    // The workflow moves on before the click.
    const other = await ask(u, chat.id, {
      content: reply(["workflow-update", { workflowId: existing.id, patch: { ...twoSteps, maxSteps: 5 } }]),
      autoCreate: true,
    });
    // autoCreate never changes an existing workflow: a person clicks Create after reading the diff.
    expect(other.body.created).toBeNull();
    expect(other.body.problems).toEqual([
      { field: "autoCreate", message: expect.stringMatching(/changes an existing workflow/) },
    ]);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: existing.id } })).currentVersion).toBe(1);
    const applied = await create(u, chat.id, other.body.reply.id);
    expect(applied.status).toBe(201);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: existing.id } })).currentVersion).toBe(2);
    const click = await create(u, chat.id, first.body.reply.id);
    expect(click.status).toBe(409);
    expect(click.body.error.message).toMatch(/changed since/);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: existing.id } })).currentVersion).toBe(2);
  });
});

describe("made by Loopi", () => {
  it("workflows and agents made from a chat say so in their API responses", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, {
      content: reply(
        ["workflow-create", chainWorkflow("Made here")],
        ["agent-create", agentBlock({ name: "Made agent", workflows: ["Made here"] })],
      ),
      autoCreate: true,
    });
    const wf = sent.body.created.workflows[0];
    expect([wf.createdBy, wf.chatId]).toEqual(["loopi", chat.id]);
    const read = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${wf.id}`, { token: a.token }), {
      id: wf.id,
    });
    expect([read.body.createdBy, read.body.chatId]).toEqual(["loopi", chat.id]);
    const agentId = sent.body.created.agents[0].id;
    const agent = await call(getAgent, apiRequest("GET", `/api/v1/agents/${agentId}`, { token: a.token }), {
      id: agentId,
    });
    expect([agent.body.createdBy, agent.body.chatId, agent.body.parentAgentId]).toEqual(["loopi", chat.id, null]);
    const own = await makeWorkflow(a, "By hand");
    const mine = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${own.id}`, { token: a.token }), {
      id: own.id,
    });
    expect([mine.body.createdBy, mine.body.chatId]).toEqual(["user", null]);
  });
});

describe("Edit and Discard", () => {
  it("an edited block is checked live, created as edited, and the chat shows the edit", async () => {
    const u = await makeUser("blocks-edit");
    const chat = await newChat(u);
    const sent = await ask(u, chat.id, {
      content: reply(
        ["workflow-create", { ...chainWorkflow("Draft"), graph: { start: "a", nodes: [], edges: [] } }],
        ["agent-create", agentBlock({ workflows: ["Draft"] })],
      ),
    });
    const messageId = sent.body.reply.id as string;
    expect(sent.body.reply.blocks[0].valid).toBe(false);
    const still = await check(u, chat.id, messageId, { blocks: [{ index: 0, value: { name: "Draft", graph: {} } }] });
    expect(still.body.blocks[0].valid).toBe(false);
    expect(still.body.blocks[0].problems.length).toBeGreaterThan(0);
    const fixed = { blocks: [{ index: 0, value: chainWorkflow("Draft") }] };
    const ok = await check(u, chat.id, messageId, fixed);
    expect(ok.status).toBe(200);
    expect(ok.body.blocks.map((x: { valid: boolean }) => x.valid)).toEqual([true, true]);
    // Checking stores nothing.
    expect((await readChat(u, chat.id)).body.messages[1].blocks[0].valid).toBe(false);
    const hostile = await check(u, chat.id, messageId, {
      blocks: [{ index: 0, value: JSON.parse('{"name": "x", "graph": {"__proto__": {"bad": 1}}}') }],
    });
    expect(hostile.body.blocks[0].problems[0]).toEqual({
      field: "graph.__proto__",
      message: "This key is not allowed",
    });
    const badIndex = await check(u, chat.id, messageId, { blocks: [{ index: -1, value: {} }] });
    expect(badIndex.status).toBe(400);
    expect(badIndex.body.error.details[0].field).toBe("blocks.0.index");

    const made = await create(u, chat.id, messageId, fixed);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.workflows[0].graph.nodes[0].id).toBe("check");
    const after = (await readChat(u, chat.id)).body.messages[1];
    expect(after.edited).toBe(true);
    expect(after.blocks[0].valid).toBe(true);
    expect(after.blocks[0].value).toEqual(chainWorkflow("Draft"));
  });

  it("a discarded reply stays discarded and creates nothing; a created one cannot be discarded", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, { content: reply(["workflow-create", chainWorkflow("Discard me")]) });
    const messageId = sent.body.reply.id as string;
    expect(sent.body.reply.discarded).toBe(false);
    const gone = await discardReply(a, chat.id, messageId);
    expect(gone.status).toBe(200);
    expect(gone.body.discarded).toBe(true);
    expect((await readChat(a, chat.id)).body.messages[1].discarded).toBe(true);
    const click = await create(a, chat.id, messageId);
    expect(click.status).toBe(409);
    expect(click.body.error.message).toMatch(/discarded/);
    expect(await db.workflow.count({ where: { workspaceId: a.workspaceId, name: "Discard me" } })).toBe(0);
    expect((await discardReply(a, chat.id, messageId)).status).toBe(200);

    const kept = await ask(a, chat.id, {
      content: reply(["workflow-create", chainWorkflow("Keep me")]),
      autoCreate: true,
    });
    expect((await discardReply(a, chat.id, kept.body.reply.id)).status).toBe(409);
  });

  it("another workspace's reply is 404 to check and discard", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, { content: reply(["workflow-create", chainWorkflow("Mine")]) });
    const messageId = sent.body.reply.id as string;
    const results = [
      await check(b, chat.id, messageId, { blocks: [] }),
      await discardReply(b, chat.id, messageId),
      await create(b, chat.id, messageId, { blocks: [] }),
    ];
    expect(results.map((r) => r.status)).toEqual([404, 404, 404]);
    const own = await newChat(b);
    expect((await check(b, own.id, messageId, { blocks: [] })).status).toBe(404);
    expect((await discardReply(b, own.id, messageId)).status).toBe(404);
    expect((await readChat(a, chat.id)).body.messages[1].discarded).toBe(false);
  });
});

describe("metering Loopi", () => {
  it("records each reply's tokens and cost on the reply and in the workspace's usage, billing no step", async () => {
    const u = await makeUser("blocks-meter");
    const chat = await newChat(u);
    const sent = await ask(u, chat.id, { content: "Build an agent that summarises support tickets daily" });
    const { usage: used } = sent.body.reply;
    expect(used.inputTokens).toBeGreaterThan(0);
    expect(used.outputTokens).toBeGreaterThan(0);
    expect(used.costUsd).toBeGreaterThan(0);
    expect(sent.body.message.usage).toBeNull();
    const events = await db.usageEvent.findMany({ where: { workspaceId: u.workspaceId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "chat",
      chatMessageId: sent.body.reply.id,
      steps: 0,
      inputTokens: used.inputTokens,
      outputTokens: used.outputTokens,
    });
    expect(Number(events[0]!.costUsd)).toBeCloseTo(used.costUsd, 6);
    // Nothing is sent to the meter for it: it is settled when recorded.
    expect(events[0]!.reportedAt).not.toBeNull();
    const month = await call(usage, apiRequest("GET", "/api/v1/usage", { token: u.token }));
    expect(month.body.totals).toMatchObject({
      steps: 0,
      runs: 0,
      reflections: 0,
      inputTokens: used.inputTokens,
      outputTokens: used.outputTokens,
    });
    const read = await readChat(u, chat.id);
    expect(read.body.messages[1].usage).toEqual(used);
  });
});
