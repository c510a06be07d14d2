/**
 * A sandbox provider on this machine, for trying a project's sandboxes without a Daytona
 * account: the local server the tests use, which speaks Daytona's API as its SDK calls it and
 * runs each sandbox's commands in a temporary directory here (no isolation: for a laptop, never a
 * server). Prints the credential to add; stops with Ctrl-C, deleting its directories.
 */
import { startDaytonaServer } from "../tests/support/daytona-server";

const port = Number(process.env.LOCAL_DAYTONA_PORT ?? 3470);
const server = await startDaytonaServer({ port, apiKey: process.env.LOCAL_DAYTONA_KEY ?? "dtn_local_0123456789" });
process.stdout.write(
  `Local Daytona API at ${server.apiUrl} (key ${server.apiKey}).\n` +
    `Add it under Settings → Credentials as a Daytona API key with API URL ${server.apiUrl}, and start\n` +
    `the app with ALLOW_PRIVATE_ENDPOINTS=1 DAYTONA_ALLOWED_API_URLS=${server.apiUrl} so it may reach\n` +
    `this machine and accepts this API URL.\n`,
);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
