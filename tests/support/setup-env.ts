import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret";
// A fixed key: tests never write the development key file beside a real database.
process.env.CREDENTIALS_KEY ??= "7e57".repeat(16);
// As scripts/serve.ts makes at start: requests from `fromClient` carry an address signed with it.
process.env.CLIENT_ADDRESS_KEY = "client-address-key-for-tests-only-0000";

// As instrumentation does for the server: the app's functions are mounted, so
// events sent through the Inngest client start them (a test's driver runs them).
const { functions } = await import("@/inngest");
const { mountApp } = await import("@/lib/engine/app");
const { resetEnv } = await import("@/lib/env");
await mountApp(functions);
// Tests that stub variables before their first read still see them.
resetEnv();
