import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { VersionSource } from "@/lib/generated/prisma/enums";
import { replaceVersion, type VersionAudit } from "./replace-version";
import type { Crew } from "./schemas";

export interface ReplaceCrewOptions {
  workflowId: string;
  crew: Crew;
  /** The crew's tone, inherited by agents without their own; null or left out: none. */
  responseTone?: string | null;
  source?: VersionSource;
  createdById?: string | null;
  note?: string | null;
  /** Return the current version instead of a new one when the crew is the same (PUT semantics). */
  skipIfUnchanged?: boolean;
  /** Who made the change, for the audit log. */
  audit: VersionAudit;
}

/**
 * Makes `crew` the workflow's crew as a new version (current + 1); 409 for a
 * graph workflow, which changes through its graph. Runs already queued keep
 * the version they pinned.
 */
export async function replaceCrew(scope: Scope, options: ReplaceCrewOptions) {
  const { crew, responseTone, ...rest } = options;
  return replaceVersion(scope, { ...rest, content: { crew, responseTone }, requireKind: "crew" });
}
