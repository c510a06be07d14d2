export { complete, providerFor, resolveProvider } from "./complete";
export { createOpenAIProvider } from "./openai-provider";
export { modelCredentialsFor, registerCredentialSecretReader } from "./credential-source";
export type { CredentialSecretReader, ModelCredentials } from "./credential-source";
export type { CompleteOptions, RetryPolicy } from "./complete";
export { ModelError, ModelTimeoutError, PermanentModelError, TransientModelError, isTransient } from "./errors";
export { createAnthropicProvider } from "./anthropic-provider";
export {
  ANTHROPIC_EXAMPLES,
  availableModels,
  configuredProviders,
  isAnthropicModel,
  providerNameFor,
  unservableModelMessage,
} from "./serving";
export type { AvailableModels, ProviderName } from "./serving";
export { localProvider } from "./local-provider";
export { registerLocalResponder, localResponders } from "./local-responders";
export type { LocalResponder } from "./local-responders";
export { estimateCost, priceOf, priceTable, DEFAULT_PRICES } from "./prices";
export type { CostEstimate, ModelPrice } from "./prices";
export { countTokens, requestTokens } from "./tokens";
export type {
  CallOptions,
  ModelMessage,
  ModelProvider,
  ModelRequest,
  ModelResult,
  ToolCall,
  ToolResult,
  ToolSpec,
} from "./types";
export {
  MODEL_PROVIDERS,
  modelLabel,
  modelRefObjectSchema,
  providerOfModelId,
  readModelRef,
  toModelRef,
} from "./model-ref";
export type { ModelProviderId, ModelRef } from "./model-ref";
