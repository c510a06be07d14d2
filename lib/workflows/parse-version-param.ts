import { z } from "zod";
import { badRequest } from "@/lib/http/errors";

export const versionParamSchema = z.coerce.number().int().min(1).max(1_000_000);

/** The `{version}` path segment as a positive integer (400 naming `version` otherwise). */
export function parseVersionParam(raw: string | undefined): number {
  const parsed = versionParamSchema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest("Invalid version: use a version number.", [
      { field: "version", message: "Use a positive whole number" },
    ]);
  }
  return parsed.data;
}
