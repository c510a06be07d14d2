import "server-only";
import type { RunRef } from "./run-trace";
import { toModelRef } from "@/lib/models/model-ref";
import { estimateCost } from "@/lib/models/prices";
import type { ModelMessage, ModelResult } from "@/lib/models/types";
import { content, inStepSpan } from "./spans";

/** What a model turn asks, for its span. */
export interface ModelCall {
  position: number;
  /** The step's model as stored (an id, or a model object's JSON). */
  model: string;
  system: string;
  messages: ModelMessage[];
}

/**
 * One model turn of step `position` as a `chat` span (GenAI semantic
 * conventions), a child of the step's invoke_agent span: the provider and
 * model, tokens, finish reason and this turn's cost.
 */
export function traceModelCall<R extends ModelResult>(run: RunRef, call: ModelCall, fn: () => Promise<R>): Promise<R> {
  const ref = toModelRef(call.model);
  return inStepSpan(
    run,
    call.position,
    `chat ${ref.model}`,
    (t) => ({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": ref.provider,
      "gen_ai.request.model": ref.model,
      "loopllama.step.index": call.position,
      ...content(t, "gen_ai.system_instructions", call.system),
      ...content(t, "gen_ai.input.messages", call.messages),
    }),
    fn,
    (span, result, t) => {
      const toolCalls = result.toolCalls ?? [];
      span.setAttributes({
        "gen_ai.response.model": result.model,
        "gen_ai.usage.input_tokens": result.inputTokens,
        "gen_ai.usage.output_tokens": result.outputTokens,
        "gen_ai.response.finish_reasons": [toolCalls.length > 0 ? "tool_call" : "stop"],
        "loopllama.cost.usd": estimateCost(ref.model, result.inputTokens, result.outputTokens).usd,
        "loopllama.model.simulated": result.simulated,
        ...content(t, "gen_ai.output.messages", [{ role: "assistant", content: result.text, toolCalls }]),
      });
    },
  );
}
