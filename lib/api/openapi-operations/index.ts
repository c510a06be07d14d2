import type { ApiOperation } from "@/lib/api/openapi";
import { foundationOperations } from "./foundation";
import { runOperations } from "./runs";
import { workflowOperations } from "./workflows";

/**
 * Every operation of /api/v1, in document order. A new domain adds a file
 * beside this one exporting its `ApiOperation[]` and one entry here.
 */
export const apiOperations: readonly ApiOperation[] = [
  ...foundationOperations,
  ...workflowOperations,
  ...runOperations,
];
