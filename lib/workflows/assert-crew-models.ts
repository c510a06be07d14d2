import { badRequest } from "@/lib/http/errors";
import { unservableModelMessage } from "@/lib/models/serving";

/**
 * Refuses to make a stored crew current again (restore, rollback) when one of
 * its agents names a model no configured provider serves, as a version saved
 * before an API key was set may: 400 naming `crew.N.model` and what is available.
 */
export function assertCrewModelsServed(crew: readonly { model?: string }[], what: string, field = "crew"): void {
  const problems = crew.flatMap((agent, i) => {
    const message = agent.model ? unservableModelMessage(agent.model) : null;
    return message ? [{ field: `${field}.${i}.model`, message }] : [];
  });
  const first = problems[0];
  if (first) throw badRequest(`${what} cannot be made current: invalid ${first.field}: ${first.message}`, problems);
}
