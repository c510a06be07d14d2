"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ChatBlockJson,
  ChatJson,
  ChatMessageJson,
  ChatReplyBaseJson,
  ChatWithMessagesJson,
} from "@/lib/chats/response-schemas";
import { apiRequest } from "./api-client";
import { agentKeys } from "./use-agents";
import { eventKeys } from "./use-events";
import { workflowKeys } from "./use-workflows";

export const chatKeys = {
  list: (slug: string) => ["workspace", slug, "chats", "list"] as const,
  detail: (slug: string, id: string) => ["workspace", slug, "chats", "detail", id] as const,
};

const path = (id: string, rest = "") => `/api/v1/chats/${encodeURIComponent(id)}${rest}`;

export function useChats(slug: string) {
  return useQuery({
    queryKey: chatKeys.list(slug),
    queryFn: ({ signal }) => apiRequest<{ data: ChatJson[] }>("/api/v1/chats", { workspace: slug, signal }),
  });
}

export function useChat(slug: string, id: string | null) {
  return useQuery({
    queryKey: chatKeys.detail(slug, id ?? ""),
    queryFn: ({ signal }) => apiRequest<ChatWithMessagesJson>(path(id!), { workspace: slug, signal }),
    enabled: id !== null,
  });
}

export function useCreateChat(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<ChatJson>("/api/v1/chats", { method: "POST", workspace: slug, body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: chatKeys.list(slug) }),
  });
}

export function useRenameChat(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) =>
      apiRequest<ChatJson>(path(id), { method: "PATCH", workspace: slug, body: { title } }),
    onSuccess: (chat) =>
      Promise.all([
        client.invalidateQueries({ queryKey: chatKeys.list(slug) }),
        client.invalidateQueries({ queryKey: chatKeys.detail(slug, chat.id) }),
      ]),
  });
}

export function useDeleteChat(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: chatKeys.list(slug) }),
  });
}

/** Sends a message and waits for Loopi's whole reply (blocks checked). */
export function useSendChatMessage(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (content: string) =>
      apiRequest<ChatReplyBaseJson>(path(id, "/messages"), { method: "POST", workspace: slug, body: { content } }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: chatKeys.detail(slug, id) }),
        client.invalidateQueries({ queryKey: chatKeys.list(slug) }),
      ]),
  });
}

/** A person's edit of one block of a reply: the JSON that replaces it. */
export interface BlockEdit {
  index: number;
  value: unknown;
}

const messagePath = (id: string, messageId: string, action: string) =>
  path(id, `/messages/${encodeURIComponent(messageId)}/${action}`);

/** The Edit button's live check: every block of the reply with the edits in place, judged as Create would. */
export function checkChatBlocks(slug: string, id: string, messageId: string, edits: BlockEdit[], signal?: AbortSignal) {
  return apiRequest<{ blocks: ChatBlockJson[] }>(messagePath(id, messageId, "check"), {
    method: "POST",
    workspace: slug,
    body: { blocks: edits },
    signal,
  });
}

/** The Discard click: kept, so the reply reads discarded after a reload. */
export function useDiscardChatReply(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      apiRequest<ChatMessageJson>(messagePath(id, messageId, "discard"), { method: "POST", workspace: slug }),
    onSettled: () => client.invalidateQueries({ queryKey: chatKeys.detail(slug, id) }),
  });
}

/** The Create click on a reply: its event types, workflows, changes, then agents, all or nothing. */
export function useCreateFromChat(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    // The page reads what was created from the chat again (the reply's `created` ids).
    mutationFn: async ({ messageId, edits }: { messageId: string; edits: BlockEdit[] }) => {
      await apiRequest<unknown>(messagePath(id, messageId, "create"), {
        method: "POST",
        workspace: slug,
        body: { blocks: edits },
      });
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: chatKeys.detail(slug, id) }),
        client.invalidateQueries({ queryKey: workflowKeys.all(slug) }),
        client.invalidateQueries({ queryKey: agentKeys.all(slug) }),
        client.invalidateQueries({ queryKey: eventKeys.types(slug) }),
      ]),
  });
}
