import { z } from "zod";

export const MAX_PROJECT_FILES = 500;
export const MAX_PROJECT_FILE_CHARS = 50_000;
export const MAX_PROJECT_PATH_CHARS = 200;
/** The largest import body: room for many files near the per-file limit. */
export const MAX_PROJECT_BODY_BYTES = 4 * 1024 * 1024;

export const projectFilesSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(MAX_PROJECT_PATH_CHARS, `Use paths of at most ${MAX_PROJECT_PATH_CHARS} characters`)
      .regex(/^[^/\\][^\\]*$/, "Use a relative path with / separators")
      .refine((p) => !p.split("/").includes(".."), "A path cannot contain .."),
    z.string().max(MAX_PROJECT_FILE_CHARS, `A file has at most ${MAX_PROJECT_FILE_CHARS} characters`),
  )
  .refine((f) => Object.keys(f).length <= MAX_PROJECT_FILES, `Send at most ${MAX_PROJECT_FILES} files`)
  .describe(
    "Path → content: `registry.yml`, `workflows/<workflow>/<step>.md`, `skills/<skill>/SKILL.md` (and files beside it) and `sensors/<sensor>.yml`.",
  )
  .meta({ id: "ProjectFiles" });

export const importProjectSchema = z.object({ files: projectFilesSchema }).strict().meta({ id: "ImportProject" });

const change = z.enum(["created", "updated", "unchanged"]);

export const importResultSchema = z
  .object({
    workflows: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        dir: z.string().describe("Its directory under workflows/."),
        status: change.describe("updated: a new version, or a new name, description or default model."),
        version: z.number().int().describe("The workflow's current version after the import."),
      }),
    ),
    events: z.array(z.object({ name: z.string(), status: change })),
    skills: z.array(z.string()).describe("The project's skills, now the workspace's."),
    sensors: z
      .array(z.object({ name: z.string(), kind: z.enum(["webhook", "poll"]) }))
      .describe("The project's sensors, now the workspace's (checked and kept; not hosted yet)."),
    warnings: z
      .array(z.object({ file: z.string(), line: z.number().int(), message: z.string() }))
      .describe("What compiles but needs attention, such as a sandbox whose provider is not configured."),
    stats: z.object({ workflows: z.number().int(), steps: z.number().int(), events: z.number().int() }),
  })
  .meta({ id: "ProjectImport" });

export const exportResultSchema = z.object({ files: projectFilesSchema }).meta({ id: "ProjectExport" });

const when = z.iso.datetime().nullable();
/** GET /api/v1/projects/hosting: what the server does for the project, as the Events page and `loopllama run` print it. */
export const hostingResultSchema = z
  .object({
    webhooks: z.number().int().describe("Sensor webhooks the server hosts."),
    schedules: z.number().int().describe("Schedules armed: workflows with a cron trigger due next, and poll sensors."),
    summary: z.string().describe('"hosting 1 sensor webhook · 2 schedules armed".'),
    sensors: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(["webhook", "poll"]),
        emits: z.string(),
        detail: z.string().describe("A webhook's signature scheme; a poll's schedule and source."),
        url: z.string().nullable().describe("A webhook's URL, to give the sending service."),
        poll: z
          .object({
            nextPollAt: when.describe("The next poll; null: not armed."),
            lastPolledAt: when,
            lastChangedAt: when.describe("When a poll last found a changed answer and emitted its event."),
            lastError: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: "ProjectHosting" });
