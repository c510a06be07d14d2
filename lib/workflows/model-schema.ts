import ipaddr from "ipaddr.js";
import { allowPrivateEndpoints } from "@/lib/env";
import { isPublicAddress } from "@/lib/outbound/resolve";
import { modelFieldSchema, type ModelInput } from "@/lib/graph/model-ref";
import { toModelRef, type ModelRef } from "@/lib/models/model-ref";
import { unservableModelMessage } from "@/lib/models/serving";

export { MAX_SYSTEM_PROMPT_CHARS } from "@/lib/graph/limits";

export { modelIdSchema } from "@/lib/graph/model-ref";
export type { ModelInput } from "@/lib/graph/model-ref";

const CLAUDE_CODE =
  "claude-code models run through the Claude Code CLI on your own machine; the hosted service has no local CLI. Use anthropic with a claude-* model instead.";

/** Hosts that are private by name; addresses behind other names are checked when the model is called. */
const PRIVATE_NAME = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/**
 * Save-time checks of a model, beside its shape: provider claude-code is refused,
 * a baseUrl on a private or loopback address is refused unless the server allows
 * it (names are resolved and checked again at call time), and with a real
 * provider configured a model none serves is refused, naming what is available.
 */
export function modelProblems(value: ModelInput, suitable?: (model: string) => boolean): string[] {
  if (typeof value === "object" && value.provider === "claude-code") return [CLAUDE_CODE];
  const ref = toModelRef(value as string | ModelRef);
  // A baseUrl that is not a URL is refused by the object's own schema; only a URL has a host to judge.
  if (ref.baseUrl && URL.canParse(ref.baseUrl) && !allowPrivateEndpoints()) {
    const host = new URL(ref.baseUrl).hostname;
    const literal = host.replace(/^\[|\]$/g, "");
    if (ipaddr.isValid(literal) ? !isPublicAddress(literal) : PRIVATE_NAME.test(host)) {
      return [
        `baseUrl ${host} is a private or loopback address; model endpoints must be public unless the server sets ALLOW_PRIVATE_ENDPOINTS=1 (or ALLOW_PRIVATE_MODEL_ENDPOINTS=1)`,
      ];
    }
  }
  const problem = unservableModelMessage(ref, suitable);
  return problem ? [problem] : [];
}

/** A model input checked by `problems` (by default: who serves it, from the server's configuration). */
export function modelInputSchema(problems: (value: ModelInput) => string[] = (v) => modelProblems(v)) {
  return modelFieldSchema(problems);
}

export const modelSchema = modelInputSchema();

export { modelRefResponseSchema } from "@/lib/graph/model-ref";
