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
  .describe("Path → content: `registry.yml` and `workflows/<workflow>/<step>.md`.")
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
    stats: z.object({ workflows: z.number().int(), steps: z.number().int(), events: z.number().int() }),
  })
  .meta({ id: "ProjectImport" });

export const exportResultSchema = z.object({ files: projectFilesSchema }).meta({ id: "ProjectExport" });
