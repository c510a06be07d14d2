import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { AppError } from "@/lib/http/errors";
import { recordChatUsage } from "@/lib/billing/record-chat-usage";
import { db } from "@/lib/db/client";
import { complete, estimateCost, ModelError, type ModelResult } from "@/lib/models";
import { modelCredentialsFor } from "@/lib/models/credential-source";
import { checkBlocks, storedBlocks } from "./check-blocks";
import { assertBlocksValid, createFromBlocks, type CreatedFromChat } from "./create-from-blocks";
import { findChatOrThrow } from "./get-chat";
import { CHAT_HISTORY_TURNS, MAX_MESSAGES_PER_CHAT, MAX_REPLY_CHARS } from "./limits";
import "./local-loopi-responder";
import { loopiRequest, workspaceContext } from "./loopi-prompt";
import { parseBlocks, type BlockProblem } from "./parse-blocks";
import type { SendMessageInput } from "./schemas";
import { serializeMessage } from "./serialize-chat";

function titleFrom(content: string): string {
  const one =
    content
      .replace(/\[\[[^\]]*\]\]/g, "")
      .replace(/\s+/g, " ")
      .trim() || "New chat";
  return one.length > 60 ? `${one.slice(0, 59).trimEnd()}…` : one;
}

/**
 * Stores the person's message, asks Loopi (the chat's model, through
 * lib/models, with the workspace's credentials) and stores its reply with the
 * blocks parsed and checked, its tokens and cost recorded on the reply and in
 * the workspace's usage (lib/billing/record-chat-usage.ts: no step billed). With `autoCreate` and every block valid, creates
 * what the reply proposes at once; otherwise nothing is created.
 * `onDelta` receives the reply's text as it streams.
 */
export async function sendMessage(
  scope: Scope,
  target: { chatId: string; createdById: string | null; actor: AuditActor },
  input: SendMessageInput,
  onDelta?: (text: string) => void,
) {
  const chat = await findChatOrThrow(scope, target.chatId);
  const count = await scope.db.chatMessage.count({ where: { chatId: chat.id } });
  if (count + 2 > MAX_MESSAGES_PER_CHAT) {
    throw new AppError(
      400,
      "limit_reached",
      `A chat keeps at most ${MAX_MESSAGES_PER_CHAT} messages; start a new chat.`,
    );
  }
  const history = await scope.db.chatMessage.findMany({
    where: { chatId: chat.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CHAT_HISTORY_TURNS - 1,
    select: { role: true, content: true },
  });
  const message = await scope.db.chatMessage.create({
    data: { workspaceId: scope.workspaceId, chatId: chat.id, role: "user", content: input.content },
  });
  if (count === 0 && chat.title === "New chat") {
    await scope.db.chat.updateMany({ where: { id: chat.id }, data: { title: titleFrom(input.content) } });
  }
  const turns = [...history.reverse(), { role: "user" as const, content: input.content }];
  const request = loopiRequest(await workspaceContext(scope), turns);
  let result: ModelResult;
  try {
    result = await complete(
      { model: chat.model, role: "builder", maxTokens: 8000, ...request },
      { credentials: modelCredentialsFor(scope), onDelta },
    );
  } catch (err) {
    if (err instanceof ModelError) throw new AppError(502, "model_error", `Loopi's model failed: ${err.message}`);
    throw err;
  }
  const text = result.text.slice(0, MAX_REPLY_CHARS);
  const parsed = parseBlocks(text);
  const blocks = await checkBlocks(scope, parsed.blocks);
  const usage = {
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd: estimateCost(result.model, result.inputTokens, result.outputTokens).usd,
  };
  const { plan } = await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { plan: true } });
  // The reply and its metering are stored together: a reply is never kept unmetered.
  const reply = await scope.db.$transaction(async (tx) => {
    const row = await tx.chatMessage.create({
      data: {
        workspaceId: scope.workspaceId,
        chatId: chat.id,
        role: "assistant",
        content: text,
        blocks: storedBlocks(blocks),
        ...usage,
      },
    });
    await recordChatUsage(tx, scope.workspaceId, { chatMessageId: row.id, plan, ...usage });
    return row;
  });
  await scope.db.chat.updateMany({ where: { id: chat.id }, data: { updatedAt: new Date() } });
  const problems: BlockProblem[] = [...parsed.problems];
  let created: CreatedFromChat | null = null;
  if (input.autoCreate && blocks.some((b) => b.kind === "workflow-update")) {
    // A change to an existing workflow is made only by a person who has seen its diff.
    problems.push({
      field: "autoCreate",
      message:
        "Nothing was created: this reply changes an existing workflow, which autoCreate never does. Review the change in the chat and click Create.",
    });
  } else if (input.autoCreate && blocks.length > 0) {
    try {
      assertBlocksValid(blocks);
      created = await createFromBlocks(scope, { ...target, messageId: reply.id }, blocks);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      problems.push({ field: "autoCreate", message: `Nothing was created: ${err.message}` });
    }
  }
  const stored = created ? await scope.db.chatMessage.findFirstOrThrow({ where: { id: reply.id } }) : reply;
  return { message: serializeMessage(message), reply: serializeMessage(stored), problems, created };
}
