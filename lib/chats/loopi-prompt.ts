import "server-only";
import { AGENT_CAPABILITIES } from "@/lib/agents/constants";
import type { Scope } from "@/lib/db/tenant";
import type { ModelMessage } from "@/lib/models";
import { CHAT_HISTORY_TURNS } from "./limits";

/** Loopi's system prompt starts with this line; the local provider's builder answers prompts that do. */
export const LOOPI_PROMPT_MARKER = "You are Loopi, LoopLlama's builder.";

const RULES = `${LOOPI_PROMPT_MARKER}
You help a person build workflows (graphs of LLM steps) and goal-driven agents that run them on a schedule.
When they ask for something to be built, answer briefly in prose, then propose it in fenced blocks:

\`\`\`workflow-create
{ "name": "...", "description": "...", "graph": { "start": "<node id>", "nodes": [{ "id": "...", "role": "...", "systemPrompt": "...", "output": { "field": "str | int | number | bool | url | list[str] | enum[a, b]" } }], "edges": [{ "from": "<node id>", "to": "<node id> or END", "when": "<label> or { \\"field\\": \\"...\\", \\"equals\\": ... }" }] } }
\`\`\`

\`\`\`agent-create
{ "name": "...", "role": "...", "goal": "what success looks like", "model": "claude-sonnet-4-6", "workflows": ["<workflow name>"], "schedule": { "type": "manual" | "interval" (intervalMinutes) | "cron" (expression) | "once" (datetime), "timezone": "UTC" }, "capabilities": [] }
\`\`\`

To change an existing workflow, give its complete new graph (or crew) as a reflection would:

\`\`\`workflow-update
{ "workflowId": "<id>" or "workflow": "<name>", "patch": { "nodes": [...], "edges": [...] } or { "agents": [{ "role": "...", "systemPrompt": "..." }] }, "note": "why" }
\`\`\`

When a workflow starts on or emits an event type the workspace lacks, declare it first:

\`\`\`event-type-create
{ "name": "incident.opened", "fields": { "field": "str | int | number | bool | url | list[str] | enum[a, b]" }, "description": "..." }
\`\`\`

One workflow-create block per workflow the agent needs; the agent names them in "workflows" (or an existing workflow's id in "workflowIds").
The bodies are the API's own (POST /api/v1/workflows, /api/v1/agents and /api/v1/event-types): node ids are lower-case slugs, every node must reach END, a node's typed output field may route edges, tools are "http_request", "workflow:<id>" or "mcp:<server>", capabilities are ${AGENT_CAPABILITIES.join(", ")}.
Use only the credentials, tools, MCP servers and event types listed below, by their ids or names. Never ask for a secret.
Nothing is created until the person clicks Create.`;

function list(title: string, lines: string[]): string {
  return `## ${title}\n${lines.length ? lines.join("\n") : "(none)"}`;
}

/** What Loopi is told about the workspace: names, ids and bindings, never a secret. */
export async function workspaceContext(scope: Scope): Promise<string> {
  const [workflows, agents, eventTypes, credentials, mcpServers] = await Promise.all([
    scope.db.workflow.findMany({
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, name: true, status: true },
    }),
    scope.db.agent.findMany({ orderBy: { createdAt: "desc" }, take: 50, select: { id: true, name: true, goal: true } }),
    scope.db.eventType.findMany({ orderBy: { name: "asc" }, take: 50, select: { name: true, fields: true } }),
    scope.db.credential.findMany({
      orderBy: { name: "asc" },
      take: 50,
      select: { id: true, name: true, kind: true, hosts: true, baseUrl: true },
    }),
    scope.db.mcpServer.findMany({ orderBy: { name: "asc" }, take: 50, select: { name: true, url: true } }),
  ]);
  return [
    list(
      "Workflows",
      workflows.map((w) => `- ${w.name} (id ${w.id}, ${w.status})`),
    ),
    list(
      "Agents",
      agents.map((a) => `- ${a.name} (id ${a.id}): ${a.goal.slice(0, 200)}`),
    ),
    list(
      "Event types",
      eventTypes.map((e) => `- ${e.name}: ${JSON.stringify(e.fields)}`),
    ),
    list(
      "Credentials (use by id; the secret stays on the server)",
      credentials.map(
        (c) =>
          `- ${c.name} (id ${c.id}, ${c.kind}${c.hosts.length ? `, bound to ${c.hosts.join(", ")}` : ""}${c.baseUrl ? `, endpoint ${c.baseUrl}` : ""})`,
      ),
    ),
    list("Tools", [
      "- http_request (hosts on the workspace's allowlist)",
      ...workflows.map((w) => `- workflow:${w.id}`),
    ]),
    list(
      "MCP servers",
      mcpServers.map((m) => `- mcp:${m.name} (${m.url})`),
    ),
  ].join("\n\n");
}

const REPLY_DIRECTIVE = /\[\[simulate:(?:reply|error)(?::[\s\S]*?)?\]\]/g;

/**
 * Loopi's request: the rules, the workspace, then the chat's last turns. The
 * newest message's `[[simulate:reply:…]]` (or `error`) directive is passed in
 * the system prompt, where the local provider reads it, so tests and demos can
 * drive an exact reply; real providers ignore it.
 */
export function loopiRequest(context: string, turns: ModelMessage[]): { system: string; messages: ModelMessage[] } {
  const recent = turns.slice(-CHAT_HISTORY_TURNS);
  const latest = recent.at(-1)?.content ?? "";
  const directives = [...latest.matchAll(REPLY_DIRECTIVE)].map((m) => m[0]);
  const system = [RULES, "# This workspace", context, ...directives].join("\n\n");
  return { system, messages: recent };
}
