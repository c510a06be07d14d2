/** Feature gates an agent may be allowed to use. */
export const AGENT_CAPABILITIES = [
  "browser",
  "api",
  "desktop",
  "ai",
  "workflows",
  "credentials",
  "filesystem",
] as const;
export type AgentCapability = (typeof AGENT_CAPABILITIES)[number];

/**
 * Capabilities that need a runner on the user's own machine (a browser, a
 * desktop, a file system). The hosted service has none, so saving an agent
 * with one is refused rather than letting it silently do nothing.
 */
export const LOCAL_RUNNER_CAPABILITIES = ["browser", "desktop", "filesystem"] as const;
/** The capabilities an agent may be saved with here. */
export const HOSTED_CAPABILITIES = AGENT_CAPABILITIES.filter(
  (c) => !(LOCAL_RUNNER_CAPABILITIES as readonly string[]).includes(c),
);

export function localRunnerMessage(capability: string): string {
  return `"${capability}" needs a local runner on your own machine, which the hosted service does not offer; use ${HOSTED_CAPABILITIES.join(", ")}`;
}

export const MAX_GOAL_CHARS = 2000;
export const MAX_AGENT_WORKFLOWS = 10;
export const MAX_INTERVAL_MINUTES = 10080;
/** How many reflections and log entries each agent keeps; older ones are pruned on insert. */
export const KEEP_REFLECTIONS = 50;
export const KEEP_LOGS = 100;
/** Upper bound for `GET /agents/{id}/schedule?count=`. */
export const MAX_SCHEDULE_PREVIEW = 20;
