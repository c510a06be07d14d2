import "server-only";
import { env } from "@/lib/env";

/** The sandbox providers this server has configured (a key in its environment). */
export function configuredSandboxProviders(): string[] {
  return env().DAYTONA_API_KEY ? ["daytona"] : [];
}
