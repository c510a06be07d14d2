import type { Prisma } from "@/lib/generated/prisma/client";
import type { Graph } from "./types";

/** A graph as the JSON column value it is stored as. */
export function graphJson(graph: Graph): Prisma.InputJsonObject {
  // The graph as JSON stores it (optional fields left out rather than undefined), which is the value
  // Prisma's JSON input type describes.
  return JSON.parse(JSON.stringify(graph)) as Prisma.InputJsonObject;
}
