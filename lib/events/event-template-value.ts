/** `{{ event.<field> }}` in a prompt: the field of the run's event (text as is, other values as JSON). */
export function eventTemplateValue(data: unknown, ref: string): string {
  const field = ref.slice("event.".length).trim();
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
