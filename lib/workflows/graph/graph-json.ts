import type { Prisma } from "@/lib/generated/prisma/client";
import type { Graph } from "./types";

/** A graph as the JSON column value it is stored as. */
export function graphJson(graph: Graph): Prisma.InputJsonObject {
  // A JSON round trip drops the undefined fields that Prisma's JSON input type refuses; the graph is plain data.
  return JSON.parse(JSON.stringify(graph)) as Prisma.InputJsonObject;
}
