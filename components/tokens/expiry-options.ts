/** Choices for a token's lifetime in the create form. */
export const expiryOptions = [
  { value: "never", label: "Never expires" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "custom", label: "Custom date…" },
] as const;

export type ExpiryChoice = (typeof expiryOptions)[number]["value"];

/** The ISO expiry for a choice; a custom date expires at the end of that day (local time). */
export function expiryFor(choice: ExpiryChoice, customDate: string, now = new Date()): string | null {
  if (choice === "never") return null;
  if (choice === "custom") {
    if (!customDate) return "";
    const end = new Date(`${customDate}T23:59:59`);
    return Number.isNaN(end.getTime()) ? "" : end.toISOString();
  }
  return new Date(now.getTime() + Number(choice) * 86_400_000).toISOString();
}
