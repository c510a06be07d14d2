/** Model ids offered as suggestions in model fields; any id the provider accepts may be typed. */
export const MODEL_SUGGESTIONS = ["claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5"] as const;

export const DEFAULT_MODEL = "claude-sonnet-4-6";

export const MODEL_LIST_ID = "model-suggestions";

/** Render once per page; model inputs point at it with `list={MODEL_LIST_ID}`. */
export function ModelSuggestions() {
  return (
    <datalist id={MODEL_LIST_ID}>
      {MODEL_SUGGESTIONS.map((m) => (
        <option key={m} value={m} />
      ))}
    </datalist>
  );
}
