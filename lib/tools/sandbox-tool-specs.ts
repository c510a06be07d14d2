import { z } from "zod";
import { SANDBOX_TOOL_DESCRIPTIONS, sandboxToolInputs } from "@/lib/sandboxes/run-sandbox-tool";
import type { SandboxToolName } from "./tool-names";
import type { ToolSpec } from "./types";

/** run_command, read_file or write_file as the model is offered it: the input schema is the one the call is checked with. */
export function sandboxToolSpec(name: SandboxToolName): ToolSpec {
  const { $schema: _schema, ...inputSchema } = z.toJSONSchema(sandboxToolInputs[name], { io: "input" }) as Record<
    string,
    unknown
  >;
  return { name, description: SANDBOX_TOOL_DESCRIPTIONS[name], inputSchema };
}
