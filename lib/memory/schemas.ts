import { z } from "zod";

export const memoryUserIdSchema = z
  .string()
  .trim()
  .min(1, "userId is required")
  .max(200, "Use at most 200 characters")
  .describe("Your product's id for the user the memory belongs to.");

export const memorySessionIdSchema = z.string().trim().min(1).max(200, "Use at most 200 characters");

export const listMemoriesQuerySchema = z.object({
  userId: memoryUserIdSchema,
  q: z.string().trim().max(500, "Use at most 500 characters").optional().describe("Full-text search; ranked."),
});

export const deleteMemoriesQuerySchema = z.object({ userId: memoryUserIdSchema });
