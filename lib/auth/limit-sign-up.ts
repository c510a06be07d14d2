import "server-only";
import { tooManyRequests } from "@/lib/http/errors";
import { env } from "@/lib/env";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";

/** Sign-ups one client address may make per hour. */
export const SIGNUPS_PER_CLIENT_PER_HOUR = 30;

/**
 * Counts a sign-up attempt from `clientAddress`, or throws 429. Each address
 * has its own hourly limit. A client's first sign-up of the hour is never
 * refused for what others did: only its further ones (people behind one
 * office or household address, or a script) draw on the allowance shared by
 * all clients (SIGNUP_MAX_PER_HOUR). So no one, however many addresses they
 * have, can use the shared allowance up to lock a newcomer out.
 */
export async function limitSignUp(clientAddress: string): Promise<void> {
  const own = await hitRateLimit(`signup:ip:${clientAddress}`, SIGNUPS_PER_CLIENT_PER_HOUR, 3600);
  if (!own.allowed)
    throw tooManyRequests("Too many sign-ups from this address; try again later.", own.retryAfterSeconds);
  if (own.count === 1) return;
  const shared = await hitRateLimit("signup:all", env().SIGNUP_MAX_PER_HOUR, 3600);
  if (!shared.allowed) throw tooManyRequests("Too many sign-ups right now; try again later.", shared.retryAfterSeconds);
}
