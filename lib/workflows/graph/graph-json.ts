import type { Prisma } from "@/lib/generated/prisma/client";
import type { Graph } from "./types";

/** A graph as the JSON column value it is stored as. */
export function graphJson(graph: Graph): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(graph)) as Prisma.InputJsonObject;
}
