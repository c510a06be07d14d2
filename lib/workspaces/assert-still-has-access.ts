import "server-only";
import { resolveCaller } from "@/lib/auth/caller";
import { resolveWorkspaceAccess } from "./resolve-access";

/**
 * Throws unless the request's credentials still give access to `workspaceId`,
 * as they did when it began: a long-lived response (an event stream) checks it
 * again now and then, so a revoked token or a removed member stops reading.
 * 401 once the token or session is no longer valid, 404 once the membership is gone.
 */
export async function assertStillHasAccess(request: Request, workspaceId: string): Promise<void> {
  await resolveWorkspaceAccess(await resolveCaller(request), workspaceId);
}
