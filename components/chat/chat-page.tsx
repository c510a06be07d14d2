"use client";

import { useEffect, useState, type FormEvent } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/components/ui/cn";
import { formatCost, formatTokens } from "@/components/runs/format-run";
import type { ChatBlockJson, ChatJson, ChatMessageJson } from "@/lib/chats/response-schemas";
import { errorMessage } from "@/lib/queries/api-client";
import {
  checkChatBlocks,
  useChat,
  useChats,
  useCreateChat,
  useCreateFromChat,
  useDeleteChat,
  useDiscardChatReply,
  useRenameChat,
  useSendChatMessage,
} from "@/lib/queries/use-chats";
import { BlockCard } from "./block-card";
import { replyProse } from "./reply-text";

const EXAMPLE = "Build an agent that checks my status page every hour and opens a work item when it is down";

/** Loopi's model call for a reply, as metered: tokens and estimated cost. */
function ReplyUsage({ usage }: { usage: NonNullable<ChatMessageJson["usage"]> }) {
  return (
    <p className="text-xs text-zinc-500" data-testid="reply-usage">
      {formatTokens(usage.inputTokens + usage.outputTokens)} tokens ({formatTokens(usage.inputTokens)} in,{" "}
      {formatTokens(usage.outputTokens)} out) · {formatCost(usage.costUsd)}
    </p>
  );
}

type Edit = { value: unknown } | { error: string };

/**
 * A reply of Loopi's: its prose, its proposals as cards, and Create / Discard
 * for them together. Each card's JSON can be edited before Create; every edit
 * is checked by the server with the same rules as Create (nothing is stored
 * until Create, which sends the edits).
 */
function Reply({ slug, chatId, message }: { slug: string; chatId: string; message: ChatMessageJson }) {
  const create = useCreateFromChat(slug, chatId);
  const discard = useDiscardChatReply(slug, chatId);
  const [edits, setEdits] = useState<Record<number, Edit>>({});
  const [checked, setChecked] = useState<ChatBlockJson[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const prose = replyProse(message.content);
  const created = message.created;
  const blocks = checked ?? message.blocks;
  const editList = Object.entries(edits).flatMap(([index, edit]) =>
    "value" in edit ? [{ index: Number(index), value: edit.value }] : [],
  );
  const unreadable = Object.values(edits).some((edit) => "error" in edit);
  const editKey = JSON.stringify(editList);

  useEffect(() => {
    if (editList.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setChecking(true);
      checkChatBlocks(slug, chatId, message.id, editList, controller.signal)
        .then((res) => {
          setChecked(res.blocks);
          setCheckError(null);
        })
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setCheckError(errorMessage(err));
        })
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // editKey stands for the edits' content; the list itself is rebuilt each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editKey, slug, chatId, message.id]);

  const allValid = blocks.length > 0 && blocks.every((b) => b.valid) && !unreadable && !checking;
  const hrefOf = (index: number): string | undefined => {
    if (!created) return undefined;
    const block = blocks[index]!;
    const sameKind = blocks.filter((b) => b.kind === block.kind && b.valid);
    const position = sameKind.indexOf(block);
    if (block.kind === "workflow-update") {
      const id = block.update?.workflowId;
      return id ? `/w/${encodeURIComponent(slug)}/workflows/${encodeURIComponent(id)}` : undefined;
    }
    if (block.kind === "event-type-create")
      return created.eventTypeIds[position] ? `/w/${encodeURIComponent(slug)}/events` : undefined;
    const ids = block.kind === "workflow-create" ? created.workflowIds : created.agentIds;
    const id = ids[position];
    if (!id) return undefined;
    const base = `/w/${encodeURIComponent(slug)}/${block.kind === "workflow-create" ? "workflows" : "agents"}`;
    return `${base}/${encodeURIComponent(id)}`;
  };
  const open = !created && !message.discarded;
  return (
    <div className="space-y-3">
      {prose ? <p className="text-sm whitespace-pre-wrap text-zinc-800">{prose}</p> : null}
      {message.usage ? <ReplyUsage usage={message.usage} /> : null}
      {blocks.length > 0 && !message.discarded ? (
        <div className="space-y-3">
          {blocks.map((block) => (
            <BlockCard
              key={block.index}
              block={block}
              createdHref={hrefOf(block.index)}
              editable={open}
              onEdit={(index, edit) => setEdits((all) => ({ ...all, [index]: edit }))}
            />
          ))}
          {created ? (
            <Alert tone="success">Created. Open each card to see it.</Alert>
          ) : (
            <div className="flex flex-wrap items-center gap-2">
              <Button
                onClick={() => create.mutate({ messageId: message.id, edits: editList })}
                loading={create.isPending}
                disabled={!allValid}
                title={allValid ? undefined : "Every card must be valid before anything is created"}
              >
                Create
              </Button>
              <Button variant="ghost" onClick={() => discard.mutate(message.id)} loading={discard.isPending}>
                Discard
              </Button>
              {checking ? <span className="text-sm text-zinc-500">Checking your edit…</span> : null}
              {!allValid && !checking ? (
                <span className="text-sm text-zinc-500">
                  Edit a card or ask Loopi again: nothing is created while a card has problems.
                </span>
              ) : null}
            </div>
          )}
          {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
          {checkError ? <Alert tone="error">{checkError}</Alert> : null}
          {discard.error ? <Alert tone="error">{errorMessage(discard.error)}</Alert> : null}
        </div>
      ) : null}
      {message.discarded ? (
        <p className="text-sm text-zinc-500">Discarded: nothing was created from this reply.</p>
      ) : null}
    </div>
  );
}

function Conversation({ slug, chat }: { slug: string; chat: ChatJson }) {
  const query = useChat(slug, chat.id);
  const send = useSendChatMessage(slug, chat.id);
  const rename = useRenameChat(slug);
  const [draft, setDraft] = useState("");
  const [title, setTitle] = useState<string | null>(null);
  const messages = query.data?.messages ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    const content = draft.trim();
    if (!content) return;
    send.mutate(content, { onSuccess: () => setDraft("") });
  }

  return (
    <Card className="flex min-w-0 flex-col">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3">
        {title === null ? (
          <>
            <h2 className="min-w-0 truncate text-base font-semibold text-zinc-900">{chat.title}</h2>
            <Button variant="ghost" size="sm" onClick={() => setTitle(chat.title)}>
              Rename
            </Button>
          </>
        ) : (
          <Form
            className="flex w-full gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate({ id: chat.id, title }, { onSuccess: () => setTitle(null) });
            }}
          >
            <Input aria-label="Chat title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
            <Button type="submit" size="sm" loading={rename.isPending}>
              Save
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setTitle(null)}>
              Cancel
            </Button>
          </Form>
        )}
      </div>
      <ol className="space-y-5 px-4 py-4" aria-label="Messages">
        {messages.length === 0 && !send.isPending ? (
          <li className="text-sm text-zinc-500">
            Ask Loopi to build something, for example: <q>{EXAMPLE}</q>. It proposes workflows and agents as cards;
            nothing is created until you click Create.
          </li>
        ) : null}
        {messages.map((m) => (
          <li key={m.id} className={cn(m.role === "user" && "ml-auto max-w-[85%] rounded-lg bg-zinc-100 px-3 py-2")}>
            <p className="sr-only">{m.role === "user" ? "You" : "Loopi"}</p>
            {m.role === "user" ? (
              <p className="text-sm whitespace-pre-wrap text-zinc-900">{m.content}</p>
            ) : (
              <Reply slug={slug} chatId={chat.id} message={m} />
            )}
          </li>
        ))}
        {send.isPending ? <li className="text-sm text-zinc-500">Loopi is thinking…</li> : null}
      </ol>
      {send.error ? (
        <div className="px-4">
          <Alert tone="error">{errorMessage(send.error)}</Alert>
        </div>
      ) : null}
      <Form onSubmit={submit} className="mt-auto space-y-2 border-t border-zinc-200 px-4 py-3">
        <Textarea
          aria-label="Message to Loopi"
          rows={3}
          value={draft}
          maxLength={8000}
          placeholder={EXAMPLE}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit(e);
          }}
        />
        <div className="flex justify-end">
          <Button type="submit" loading={send.isPending} disabled={!draft.trim()}>
            Send
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** Loopi, the builder: conversations on the left, the chosen one on the right. */
export function ChatPage() {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const chats = useChats(slug);
  const createChat = useCreateChat(slug);
  const deleteChat = useDeleteChat(slug);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChatJson | null>(null);
  const list = chats.data?.data ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? list[0] ?? null;

  const newChat = (
    <Button
      onClick={() => createChat.mutate(undefined, { onSuccess: (c) => setSelectedId(c.id) })}
      loading={createChat.isPending}
    >
      New chat
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Chat"
        description="Ask Loopi to build workflows and agents. Its proposals are checked by the same rules as the API."
        actions={newChat}
      />
      <PageBody>
        {chats.error ? <Alert tone="error">{errorMessage(chats.error)}</Alert> : null}
        {createChat.error ? <Alert tone="error">{errorMessage(createChat.error)}</Alert> : null}
        {chats.isSuccess && list.length === 0 ? (
          <Card>
            <EmptyState
              icon="bot"
              title="No chats yet"
              description="Start one and ask Loopi for an agent."
              action={newChat}
            />
          </Card>
        ) : null}
        {selected ? (
          <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
            <nav aria-label="Chats">
              <ul className="space-y-1">
                {list.map((c) => (
                  <li key={c.id} className="flex items-center gap-1">
                    <button
                      type="button"
                      onClick={() => setSelectedId(c.id)}
                      aria-current={c.id === selected.id ? "page" : undefined}
                      className={cn(
                        "min-w-0 flex-1 truncate rounded-md px-2 py-1.5 text-left text-sm",
                        c.id === selected.id
                          ? "bg-accent-soft font-medium text-accent-strong"
                          : "text-zinc-700 hover:bg-zinc-100",
                      )}
                    >
                      {c.title}
                    </button>
                    <Button
                      variant="danger-ghost"
                      size="sm"
                      aria-label={`Delete ${c.title}`}
                      onClick={() => setDeleting(c)}
                    >
                      Delete
                    </Button>
                  </li>
                ))}
              </ul>
            </nav>
            <Conversation key={selected.id} slug={slug} chat={selected} />
          </div>
        ) : null}
      </PageBody>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.title ?? ""}”?`}
        description="The conversation is deleted; the workflows and agents created from it stay."
        confirmLabel="Delete chat"
        pending={deleteChat.isPending}
        error={deleteChat.error ? errorMessage(deleteChat.error) : null}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          deleteChat.mutate(deleting.id, {
            onSuccess: () => {
              if (selectedId === deleting.id) setSelectedId(null);
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}
