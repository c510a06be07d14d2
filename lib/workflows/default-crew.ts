import type { Crew } from "./schemas";

/** The crew a workflow gets when it is created without one. */
export const DEFAULT_CREW: Crew = [
  {
    role: "planner",
    systemPrompt:
      "You are the planner. Break the request into a short, ordered list of concrete steps that, done in order, fully answer it. Note assumptions and anything missing. Do not write the final answer.",
  },
  {
    role: "writer",
    systemPrompt:
      "You are the writer. Follow the planner's steps and produce the complete final output for the original request. Output only the finished result.",
  },
];

export function defaultCrew(): Crew {
  return DEFAULT_CREW.map((agent) => ({ ...agent }));
}
