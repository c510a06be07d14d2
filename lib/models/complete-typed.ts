import "server-only";
import { complete, type CompleteOptions } from "./complete";
import { ModelError, PermanentModelError } from "./errors";
import { outputSchema } from "./output-schema";
import type { ModelRequest, ModelResult } from "./types";

export interface TypedResult extends ModelResult {
  /** The validated fields. */
  data: Record<string, unknown>;
}

/** The first problem of an answer against its fields, naming the field; null when valid. */
function problemOf(
  text: string,
  fields: Record<string, string>,
): { problem: string } | { data: Record<string, unknown> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: "the answer is not a JSON object" };
  }
  const parsed = outputSchema(fields).safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".") || "(answer)";
  return { problem: `field "${field}" is invalid: ${issue.message}` };
}

/**
 * A model call whose answer must match typed fields: the answer is validated
 * (a turn that asks for tools is returned as it is, with its calls),
 * and an invalid one gets one repair attempt (the model is shown the problem);
 * still invalid, it fails permanently naming the field. Tokens of both calls count,
 * on the error too when it fails (ModelError's inputTokens and outputTokens).
 */
export async function completeTyped(
  req: ModelRequest & { output: Record<string, string> },
  options: CompleteOptions = {},
): Promise<TypedResult> {
  const first = await complete(req, options);
  // A turn that calls tools is not the answer yet: the caller runs them and asks again.
  if (first.toolCalls?.length) return { ...first, data: {} };
  const checked = problemOf(first.text, req.output);
  if ("data" in checked) return { ...first, text: JSON.stringify(checked.data), data: checked.data };

  let repair: ModelResult;
  try {
    repair = await complete(
      {
        ...req,
        messages: [
          ...req.messages,
          { role: "assistant", content: first.text || "(empty)" },
          {
            role: "user",
            content: `Your answer was not valid: ${checked.problem}. Answer again with every field: ${JSON.stringify(req.output)}.`,
          },
        ],
      },
      options,
    );
  } catch (err) {
    // The first answer was spent even though the repair call failed: the error carries its tokens.
    if (err instanceof ModelError) {
      err.inputTokens += first.inputTokens;
      err.outputTokens += first.outputTokens;
      err.attempts += first.attempts ?? 1;
    }
    throw err;
  }
  const tokens = {
    inputTokens: first.inputTokens + repair.inputTokens,
    outputTokens: first.outputTokens + repair.outputTokens,
    attempts: (first.attempts ?? 1) + (repair.attempts ?? 1),
  };
  if (repair.toolCalls?.length) return { ...repair, ...tokens, data: {} };
  const again = problemOf(repair.text, req.output);
  if ("data" in again) return { ...repair, ...tokens, text: JSON.stringify(again.data), data: again.data };
  const error = new PermanentModelError(`Typed output ${again.problem} (after one repair attempt)`);
  error.attempts = tokens.attempts;
  error.inputTokens = tokens.inputTokens;
  error.outputTokens = tokens.outputTokens;
  throw error;
}
