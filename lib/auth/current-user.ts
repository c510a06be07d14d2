import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/lib/http/errors";
import { resolveCaller } from "./caller";

export interface CurrentUser {
  userId: string;
  email: string;
  name: string | null;
  emailVerified: Date | null;
}

/**
 * The signed-in user of a page request, read from the session cookie through
 * the same path the API uses; null when signed out (or the user is gone).
 */
export async function currentUser(): Promise<CurrentUser | null> {
  const cookie = (await headers()).get("cookie") ?? "";
  try {
    const caller = await resolveCaller(new Request("http://localhost/", { headers: { cookie } }));
    return caller.type === "user"
      ? { userId: caller.userId, email: caller.email, name: caller.name, emailVerified: caller.emailVerified }
      : null;
  } catch (err) {
    if (err instanceof AppError && err.status === 401) return null;
    throw err;
  }
}
