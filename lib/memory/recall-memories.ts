import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { RECALL_LIMIT } from "./limits";
import { anyWordQuery } from "./search-terms";

export interface RecalledMemory {
  id: string;
  kind: "fact" | "episode";
  content: string;
}

/**
 * The user's memories most relevant to `text`, by PostgreSQL's full-text
 * ranking (ts_rank over an expression index), newest first among equals;
 * never another user's or another workspace's. This is the seam a vector
 * index would replace: same inputs, same answer shape.
 */
export async function recallMemories(
  scope: Scope,
  who: { userId: string; sessionId?: string | null },
  text: string,
  limit = RECALL_LIMIT,
): Promise<RecalledMemory[]> {
  const query = anyWordQuery(text);
  if (!query) return [];
  const session = who.sessionId
    ? Prisma.sql`AND ("sessionId" IS NULL OR "sessionId" = ${who.sessionId})`
    : Prisma.empty;
  return scope.db.$queryRaw<RecalledMemory[]>`
    SELECT id, kind::text AS kind, content
    FROM "Memory", to_tsquery('english', ${query}) q
    WHERE ${workspaceFilter(scope)} AND "userId" = ${who.userId} ${session}
      AND to_tsvector('english', content) @@ q
    ORDER BY ts_rank(to_tsvector('english', content), q) DESC, "createdAt" DESC
    LIMIT ${limit}`;
}

/** Recalled memories as a section of a step's prompt; empty when there are none. */
export function recalledSection(memories: RecalledMemory[]): string {
  if (memories.length === 0) return "";
  return `\n\n## What you remember about this user\n${memories.map((m) => `- ${m.content.replace(/\s+/g, " ").trim()}`).join("\n")}`;
}
