import { z } from "zod";

/* Pure: the name rules of the graph language, shared by the API, the compiler and the editor. */

/** A node id, a step file's name, a workflow directory: lowercase letters, digits, - and _ (at most 40). */
export const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** A typed output field's name: a letter or _, then letters, digits and _ (at most 40). */
export const FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
/** An event type's name: a letter, then letters, digits, _ - and . (at most 64). */
export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** A skill's name, as the Agent Skills format has it: lowercase letters, digits and - (at most 64). */
export const SKILL_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SKILL_NAME_MESSAGE = "Use a skill name of lowercase letters, digits and - (at most 64)";
export const MAX_NODE_SKILLS = 20;
/** A sandbox's name in the registry. */
export const SANDBOX_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export const nodeIdSchema = z
  .string()
  .regex(SLUG, "Use a slug: lowercase letters, digits, - and _, at most 40 characters")
  .refine((id) => id !== "input", '"input" is reserved for {{ input }}')
  .refine((id) => id !== "event", '"event" is reserved for {{ event.<field> }}');

export const FIELD_NAME_MESSAGE = "Use a field name of letters, digits and _";
export const outputFieldNameSchema = z.string().regex(FIELD_NAME, FIELD_NAME_MESSAGE);

export const eventNameSchema = z
  .string()
  .regex(EVENT_NAME, "Use a name of letters, digits, _, - and . starting with a letter (at most 64)")
  .describe("The event type's name, as an entry step's `on:` and a step's `emits:` name it (e.g. \"Incident\").");
