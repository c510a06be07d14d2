import { z } from "zod";

const pinnedCrew = z.array(z.object({ role: z.string(), systemPrompt: z.string() }).loose());

/** The system prompts of a pinned workflow version's crew, in order. */
export function crewPrompts(crew: unknown): string[] {
  const parsed = pinnedCrew.safeParse(crew);
  if (!parsed.success) throw new Error("The run's workflow version has no valid crew");
  return parsed.data.map((a) => a.systemPrompt);
}
