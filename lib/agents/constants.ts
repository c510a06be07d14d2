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

export const MAX_GOAL_CHARS = 2000;
export const MAX_AGENT_WORKFLOWS = 10;
export const MAX_INTERVAL_MINUTES = 10080;
/** How many reflections and log entries each agent keeps; older ones are pruned on insert. */
export const KEEP_REFLECTIONS = 50;
export const KEEP_LOGS = 100;
/** Upper bound for `GET /agents/{id}/schedule?count=`. */
export const MAX_SCHEDULE_PREVIEW = 20;
