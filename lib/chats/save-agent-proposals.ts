import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { checkBlocks, storedBlocks } from "./check-blocks";
import { MAX_CHATS_PER_WORKSPACE, MAX_MESSAGES_PER_CHAT, MAX_REPLY_CHARS } from "./limits";
import { parseBlocks, type ParsedBlock } from "./parse-blocks";

/** The chat an agent's proposals are kept in: one per agent, found again by its id. */
export const agentChatId = (agentId: string) => `agent-proposals-${agentId}`;

function fence(block: ParsedBlock, agentId: string): string {
  const value = block.value as Record<string, unknown>;
  // The agent that proposed another is its parent (seed 003's shape), unless the block names one.
  const json =
    block.kind === "agent-create" && value.parentAgentId === undefined ? { ...value, parentAgentId: agentId } : value;
  return "```" + block.kind + "\n" + JSON.stringify(json, null, 2) + "\n```";
}

/**
 * Saves the Loopi blocks an agent with the `ai` capability wrote in its runs'
 * outputs as proposals: one reply per run in the agent's own chat, checked by
 * the API's rules like any of Loopi's, and never created without a person's
 * click (nothing here creates anything). An agent without the capability, or
 * a run with no blocks, saves nothing. A run's proposal is saved once however
 * often this is retried. Returns the ids of the messages saved.
 */
export async function saveAgentProposals(
  scope: Scope,
  input: { agentId: string; runIds: string[] },
): Promise<string[]> {
  const agent = await scope.db.agent.findFirst({
    where: { id: input.agentId },
    select: { id: true, name: true, model: true, capabilities: true },
  });
  if (!agent || !agent.capabilities.includes("ai")) return [];
  const runs = await scope.db.run.findMany({
    where: { id: { in: input.runIds }, agentId: agent.id, status: "completed" },
    orderBy: { createdAt: "asc" },
    select: { id: true, output: true, workflow: { select: { name: true } } },
  });
  const saved: string[] = [];
  for (const run of runs) {
    const parsed = parseBlocks((run.output ?? "").slice(0, MAX_REPLY_CHARS));
    if (parsed.blocks.length === 0) continue;
    const readable = parsed.blocks.filter((b) => b.problems.length === 0);
    const unreadable = parsed.blocks.length - readable.length;
    const content = [
      `${agent.name} proposed this in a run of "${run.workflow.name}" (run ${run.id}).` +
        (unreadable ? ` ${unreadable} block${unreadable === 1 ? " was" : "s were"} not readable and left out.` : ""),
      ...readable.map((b) => fence(b, agent.id)),
    ].join("\n\n");
    const messageId = `agent-proposal-${run.id}`;
    if (await scope.db.chatMessage.findFirst({ where: { id: messageId }, select: { id: true } })) {
      saved.push(messageId);
      continue;
    }
    const chatId = agentChatId(agent.id);
    const chat = await scope.db.chat.findFirst({ where: { id: chatId }, select: { id: true } });
    if (!chat) {
      if ((await scope.db.chat.count()) >= MAX_CHATS_PER_WORKSPACE) break;
      await scope.db.chat.createMany({
        data: [
          {
            id: chatId,
            workspaceId: scope.workspaceId,
            title: `Proposals from ${agent.name}`.slice(0, 120),
            model: agent.model,
          },
        ],
        skipDuplicates: true,
      });
    }
    if ((await scope.db.chatMessage.count({ where: { chatId } })) >= MAX_MESSAGES_PER_CHAT) break;
    const blocks = await checkBlocks(scope, parseBlocks(content).blocks);
    await scope.db.chatMessage.createMany({
      data: [
        {
          id: messageId,
          workspaceId: scope.workspaceId,
          chatId,
          role: "assistant",
          content,
          // Parsed JSON (a block's value is whatever the agent wrote), so it is JSON already.
          blocks: storedBlocks(blocks),
        },
      ],
      skipDuplicates: true,
    });
    await scope.db.chat.updateMany({ where: { id: chatId }, data: { updatedAt: new Date() } });
    saved.push(messageId);
  }
  return saved;
}
