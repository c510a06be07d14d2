import "server-only";
import type { RunRef } from "./run-trace";
import type { ModelToolCall, ModelToolResult } from "@/lib/tools/types";
import { content, failSpan, inStepSpan } from "./spans";

/**
 * One tool call of step `position` as an `execute_tool` span, a child of the
 * step's invoke_agent span; a result marked as an error ends it as one. A
 * workflow tool's span covers starting the workflow's run.
 */
export function traceToolCall<R extends ModelToolResult | { childRunId: string }>(
  run: RunRef,
  position: number,
  call: ModelToolCall,
  fn: () => Promise<R>,
): Promise<R> {
  return inStepSpan(
    run,
    position,
    `execute_tool ${call.name}`,
    (t) => ({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": call.name,
      "gen_ai.tool.call.id": call.id,
      "loopllama.step.index": position,
      ...content(t, "gen_ai.tool.call.arguments", call.input),
    }),
    fn,
    (span, result, t) => {
      if ("childRunId" in result) {
        span.setAttribute("loopllama.child_run.id", result.childRunId);
        return;
      }
      span.setAttributes(content(t, "gen_ai.tool.call.result", result.content));
      if (result.isError) failSpan(span, result.content.slice(0, 500), "tool_error");
    },
  );
}
