import { z } from "zod";

/* Pure: how a graph node uses the memory of the user a run is for. */

export const MEMORY_MODES = ["read", "write", "read-write"] as const;
export type MemoryMode = (typeof MEMORY_MODES)[number];

export const memoryModeSchema = z
  .enum(MEMORY_MODES, { message: `Use one of ${MEMORY_MODES.join(", ")}` })
  .describe(
    "read: recalls what is stored about the run's userId into the step's input; write: stores what it learned " +
      "(its typed `remember` field, else its whole output) and may call the `remember` tool for each fact; " +
      "read-write: both.",
  );

export const readsMemory = (mode: MemoryMode | undefined) => mode === "read" || mode === "read-write";
export const writesMemory = (mode: MemoryMode | undefined) => mode === "write" || mode === "read-write";
