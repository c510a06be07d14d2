import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import { deletedMemoriesSchema, memoryResponseSchema } from "@/lib/memory/response-schemas";
import { deleteMemoriesQuerySchema, listMemoriesQuerySchema } from "@/lib/memory/schemas";

export const listMemories = defineOperation({
  method: "get",
  path: "/api/v1/memories",
  operationId: "listMemories",
  summary: "Read or search what the workspace remembers about one of your users",
  description:
    "Newest first (at most 100); with `q`, the memories matching it by full-text ranking, best first. " +
    "Memory never crosses workspaces or users.",
  tag: "Memory",
  query: listMemoriesQuerySchema,
  responses: { 200: { description: "The user's memories.", schema: listOf(memoryResponseSchema) } },
});

export const deleteMemories = defineOperation({
  method: "delete",
  path: "/api/v1/memories",
  operationId: "deleteMemories",
  permission: "runs.write",
  summary: "Forget everything stored about one of your users",
  tag: "Memory",
  query: deleteMemoriesQuerySchema,
  responses: { 200: { description: "How many memories were deleted.", schema: deletedMemoriesSchema } },
});

export const memoryOperations: ApiOperation[] = [listMemories, deleteMemories];
