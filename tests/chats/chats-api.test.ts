import { beforeAll, describe, expect, it } from "vitest";
import { GET as listChats, POST as createChat } from "@/app/api/v1/chats/route";
import { DELETE as deleteChat, GET as getChat, PATCH as renameChat } from "@/app/api/v1/chats/[id]/route";
import { POST as sendMessage } from "@/app/api/v1/chats/[id]/messages/route";
import { POST as createFrom } from "@/app/api/v1/chats/[id]/messages/[messageId]/create/route";
import { MAX_AGENTS_PER_WORKSPACE } from "@/lib/agents/create-agent";
import { MAX_MESSAGE_CHARS } from "@/lib/chats/limits";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { makeWorkflow } from "../agents/helpers";

const STATUS_PAGE = "Build an agent that checks my status page every hour and opens a work item when it is down";

let a: TestUser;
let b: TestUser;

beforeAll(async () => {
  [a, b] = await Promise.all([makeUser("chat-a"), makeUser("chat-b")]);
});

async function newChat(u: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(createChat, apiRequest("POST", "/api/v1/chats", { token: u.token }, body));
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string };
}

async function ask(u: TestUser, chatId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(sendMessage, apiRequest("POST", `/api/v1/chats/${chatId}/messages`, { token: u.token }, body, headers), {
    id: chatId,
  });
}

async function create(u: TestUser, chatId: string, messageId: string) {
  return call(
    createFrom,
    apiRequest("POST", `/api/v1/chats/${chatId}/messages/${messageId}/create`, { token: u.token }),
    { id: chatId, messageId },
  );
}

/** A reply given exactly through the local provider's reply directive. */
function reply(...blocks: [string, unknown][]) {
  const text = blocks.map(([kind, value]) => "```" + kind + "\n" + JSON.stringify(value, null, 1) + "\n```").join("\n");
  return `[[simulate:reply:${text}]]`;
}

const chainWorkflow = (name: string) => ({
  name,
  graph: {
    start: "check",
    nodes: [{ id: "check", role: "checker", systemPrompt: "Check the thing and report." }],
    edges: [{ from: "check", to: "END" }],
  },
});

const agentBlock = (extra: Record<string, unknown>) => ({
  name: "Watcher",
  role: "watcher",
  goal: "Notice problems early.",
  model: "claude-sonnet-4-6",
  ...extra,
});

describe("Loopi chats", () => {
  it("are created, listed, renamed, read and deleted", async () => {
    const chat = await newChat(a, { title: "Ideas" });
    expect(chat.title).toBe("Ideas");
    const listed = await call(listChats, apiRequest("GET", "/api/v1/chats", { token: a.token }));
    expect(listed.body.data.map((c: { id: string }) => c.id)).toContain(chat.id);
    const renamed = await call(
      renameChat,
      apiRequest("PATCH", `/api/v1/chats/${chat.id}`, { token: a.token }, { title: "Status watch" }),
      { id: chat.id },
    );
    expect(renamed.body.title).toBe("Status watch");
    const empty = await call(
      renameChat,
      apiRequest("PATCH", `/api/v1/chats/${chat.id}`, { token: a.token }, { title: " " }),
      { id: chat.id },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe("title");
    const read = await call(getChat, apiRequest("GET", `/api/v1/chats/${chat.id}`, { token: a.token }), {
      id: chat.id,
    });
    expect(read.body.messages).toEqual([]);
    const del = await call(deleteChat, apiRequest("DELETE", `/api/v1/chats/${chat.id}`, { token: a.token }), {
      id: chat.id,
    });
    expect(del.status).toBe(204);
    const gone = await call(getChat, apiRequest("GET", `/api/v1/chats/${chat.id}`, { token: a.token }), {
      id: chat.id,
    });
    expect(gone.status).toBe(404);
  });

  it("another workspace's chat and message are 404 on every route", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, { content: STATUS_PAGE });
    const messageId = sent.body.reply.id as string;
    const auth = { token: b.token };
    const path = `/api/v1/chats/${chat.id}`;
    const results = [
      await call(getChat, apiRequest("GET", path, auth), { id: chat.id }),
      await call(renameChat, apiRequest("PATCH", path, auth, { title: "Mine now" }), { id: chat.id }),
      await call(deleteChat, apiRequest("DELETE", path, auth), { id: chat.id }),
      await ask(b, chat.id, { content: "hello" }),
      await ask(b, chat.id, { content: "hello" }, { accept: "text/event-stream" }),
      await create(b, chat.id, messageId),
    ];
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // B's own chat cannot reach A's message either.
    const own = await newChat(b);
    expect((await create(b, own.id, messageId)).status).toBe(404);
    expect(await db.chatMessage.count({ where: { chatId: chat.id } })).toBe(2);
    expect(await db.workflow.count({ where: { workspaceId: a.workspaceId, chatId: chat.id } })).toBe(0);
  });

  it("builds an agent from a request: valid blocks, created with one click, made by Loopi", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, { content: STATUS_PAGE });
    expect(sent.status).toBe(200);
    expect(sent.body.created).toBeNull();
    const blocks = sent.body.reply.blocks as { kind: string; valid: boolean; problems: unknown[]; value: never }[];
    expect(blocks.map((x) => [x.kind, x.valid, x.problems])).toEqual([
      ["workflow-create", true, []],
      ["agent-create", true, []],
    ]);
    expect((blocks[1]!.value as { schedule: unknown }).schedule).toEqual({
      type: "interval",
      intervalMinutes: 60,
      timezone: "UTC",
    });
    // The first message names the chat; nothing exists until the click.
    const read = await call(getChat, apiRequest("GET", `/api/v1/chats/${chat.id}`, { token: a.token }), {
      id: chat.id,
    });
    expect(read.body.title).toMatch(/^Build an agent that checks my status page/);
    expect(read.body.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(await db.agent.count({ where: { workspaceId: a.workspaceId, chatId: chat.id } })).toBe(0);

    const made = await create(a, chat.id, sent.body.reply.id);
    expect(made.status).toBe(201);
    expect(made.body.workflows).toHaveLength(1);
    expect(made.body.agents).toHaveLength(1);
    const agent = made.body.agents[0];
    expect(agent.createdBy).toBe("loopi");
    expect(agent.workflowIds).toEqual([made.body.workflows[0].id]);
    expect(agent.nextRunAt).not.toBeNull();
    const rows = await db.workflow.findMany({ where: { chatId: chat.id }, select: { createdBy: true } });
    expect(rows).toEqual([{ createdBy: "loopi" }]);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).chatId).toBe(chat.id);

    // Created once: a second click is a conflict and makes nothing more.
    expect((await create(a, chat.id, sent.body.reply.id)).status).toBe(409);
    expect(await db.workflow.count({ where: { chatId: chat.id } })).toBe(1);
    const after = await call(getChat, apiRequest("GET", `/api/v1/chats/${chat.id}`, { token: a.token }), {
      id: chat.id,
    });
    expect(after.body.messages[1].created).toEqual({
      workflowIds: [made.body.workflows[0].id],
      agentIds: [agent.id],
      eventTypeIds: [],
      updated: [],
    });
  });

  it("autoCreate makes what a valid reply proposes at once", async () => {
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, {
      content: "Please build an agent that summarises support tickets daily",
      autoCreate: true,
    });
    expect(sent.status).toBe(200);
    expect(sent.body.created.workflows).toHaveLength(1);
    expect(sent.body.created.agents[0].schedule).toMatchObject({ type: "cron", expression: "0 9 * * *" });
    expect(sent.body.reply.created.agentIds).toEqual([sent.body.created.agents[0].id]);
  });

  it("an exact reply's blocks are checked by the API's rules, each problem named, and nothing is created", async () => {
    const foreign = await makeWorkflow(b, "B's workflow");
    const chat = await newChat(a);
    const content = reply(
      [
        "workflow-create",
        {
          name: "Broken",
          graph: {
            start: "a",
            nodes: [{ id: "a", role: "r", systemPrompt: "x" }],
            edges: [{ from: "a", to: "nowhere" }],
          },
        },
      ],
      ["workflow-create", chainWorkflow("Fine")],
      [
        "agent-create",
        agentBlock({ workflowIds: [foreign.id], workflows: ["Fine", "Missing"], parentAgentId: "nope" }),
      ],
    );
    const sent = await ask(a, chat.id, { content, autoCreate: true });
    expect(sent.status).toBe(200);
    expect(sent.body.reply.content.startsWith("```workflow-create")).toBe(true);
    const [broken, fine, agent] = sent.body.reply.blocks;
    expect(broken.valid).toBe(false);
    expect(broken.problems.map((p: { field: string }) => p.field).join(" ")).toMatch(/graph\.edges\.0\.to/);
    expect(fine.valid).toBe(true);
    expect(agent.valid).toBe(false);
    expect(agent.problems.map((p: { field: string }) => p.field).sort()).toEqual(
      ["parentAgentId", "workflowIds", "workflows.1"].sort(),
    );
    // autoCreate refuses a reply with any problem: all or nothing.
    expect(sent.body.created).toBeNull();
    expect(sent.body.problems[0].field).toBe("autoCreate");
    expect(await db.workflow.count({ where: { workspaceId: a.workspaceId, name: "Fine" } })).toBe(0);
    const click = await create(a, chat.id, sent.body.reply.id);
    expect(click.status).toBe(400);
    expect(click.body.error.details.map((d: { field: string }) => d.field)).toContain("blocks.2.workflowIds");
  });

  it("hostile blocks (prototype keys, oversize, unfinished) are refused without harm", async () => {
    const chat = await newChat(a);
    const content =
      '[[simulate:reply:```workflow-create\n{"name": "x", "__proto__": {"admin": true}}\n```\n```agent-create\n{"name": ' +
      JSON.stringify("y".repeat(70_000)) +
      '}\n```\n```agent-create\n{"name": "half]]';
    const tooLong = await ask(a, chat.id, { content });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].field).toBe("content");
    const sent = await ask(a, chat.id, {
      content: content.slice(0, 200).replace(/\{"name": "y+$/, '{"name": "y"}\n```\n```agent-create\n{"name": "half]]'),
    });
    const blocks = sent.body.reply.blocks;
    expect(blocks.map((x: { valid: boolean }) => x.valid)).toEqual([false, false, false]);
    expect(blocks[0].problems[0]).toEqual({ field: "__proto__", message: "This key is not allowed" });
    expect(blocks[2].problems[0].message).toMatch(/not finished/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("creation is all or nothing: a failure after the workflows leaves none of them", async () => {
    const u = await makeUser("chat-atomic");
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
        ["workflow-create", chainWorkflow("One")],
        ["workflow-create", chainWorkflow("Two")],
        ["agent-create", agentBlock({ workflows: ["One", "Two"] })],
      ),
    });
    expect(sent.body.reply.blocks.every((x: { valid: boolean }) => x.valid)).toBe(true);
    const click = await create(u, chat.id, sent.body.reply.id);
    expect(click.status).toBe(400);
    expect(click.body.error.code).toBe("limit_reached");
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
    // The reply can be created once the workspace has room.
    await db.agent.deleteMany({ where: { workspaceId: u.workspaceId, role: "filler", name: "Filler 0" } });
    expect((await create(u, chat.id, sent.body.reply.id)).status).toBe(201);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(2);
  });

  it("links an agent to an existing workflow by name", async () => {
    const existing = await makeWorkflow(a, "Existing digest");
    const chat = await newChat(a);
    const sent = await ask(a, chat.id, {
      content: reply(["agent-create", agentBlock({ workflows: ["Existing digest"] })]),
      autoCreate: true,
    });
    expect(sent.body.created.agents[0].workflowIds).toEqual([existing.id]);
  });

  it("refuses an oversize message, naming the field", async () => {
    const chat = await newChat(a);
    const res = await ask(a, chat.id, { content: "x".repeat(MAX_MESSAGE_CHARS + 1) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("content");
  });

  it("streams the reply as server-sent events with Accept: text/event-stream", async () => {
    const chat = await newChat(a);
    const res = await ask(a, chat.id, { content: STATUS_PAGE }, { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (res.body as string).split("\n\n").filter(Boolean);
    const names = events.map((e) => /^event: (\w+)/.exec(e)![1]);
    expect(names.filter((n) => n === "delta").length).toBeGreaterThan(1);
    expect(names.at(-1)).toBe("reply");
    const last = JSON.parse(events.at(-1)!.split("\ndata: ")[1]!);
    expect(last.reply.blocks.map((x: { valid: boolean }) => x.valid)).toEqual([true, true]);
    const deltas = events
      .filter((e) => e.startsWith("event: delta"))
      .map((e) => JSON.parse(e.split("\ndata: ")[1]!).text)
      .join("");
    expect(deltas).toBe(last.reply.content);
  });
});
