import "server-only";
import { env } from "@/lib/env";

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * The email a GitHub sign-in is for, and whether GitHub has verified it, from
 * GET /user/emails with the sign-in's access token: the profile's email if it
 * is listed, else the primary one. Null when GitHub lists none or cannot be
 * asked (a missing scope, GitHub unreachable): nothing is trusted then.
 */
export async function githubEmail(
  accessToken: string | undefined,
  profileEmail: string | null | undefined,
): Promise<{ email: string; verified: boolean } | null> {
  if (!accessToken) return null;
  let emails: GitHubEmail[];
  try {
    const response = await fetch(`${env().GITHUB_API_URL.replace(/\/$/, "")}/user/emails`, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${accessToken}`,
        "user-agent": "LoopLlama",
        "x-github-api-version": "2022-11-28",
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    if (!Array.isArray(body)) return null;
    emails = body.filter(
      (e): e is GitHubEmail =>
        !!e && typeof e === "object" && typeof e.email === "string" && typeof e.verified === "boolean",
    );
  } catch {
    return null;
  }
  const wanted = profileEmail?.trim().toLowerCase();
  const entry =
    (wanted ? emails.find((e) => e.email.toLowerCase() === wanted) : undefined) ?? emails.find((e) => e.primary);
  return entry ? { email: entry.email.trim().toLowerCase(), verified: entry.verified } : null;
}
