import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/http/errors";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "./resolve-access";

/**
 * The signed-in user and their access to the workspace of a dashboard page:
 * signed out → sign-in page, not a member → 404. Cached per request, so the
 * layout and the page share one lookup.
 */
export const workspacePageAccess = cache(async (slug: string): Promise<WorkspaceAccess & { user: CurrentUser }> => {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  try {
    return { user, ...(await resolveWorkspaceAccess({ type: "user", ...user }, slug)) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
});
