/**
 * Serves the app through Next's programmatic API, so each request's client
 * address comes from the socket. Next's own server passes a client-sent
 * X-Forwarded-For on untouched (it fills the header from the socket only when
 * a request has none), so a client could claim a new address per request.
 * Here every request gets CLIENT_ADDRESS_HEADER, written from the socket (and
 * TRUSTED_PROXY_HOPS), replacing any copy the client sent, and signed with a
 * key made at start; lib/auth/client-address.ts trusts nothing else.
 * Usage: tsx scripts/serve.ts dev|start [-H hostname] [-p port]
 */
import { randomBytes } from "node:crypto";
import next from "next";
import { createClientAddressServer } from "../lib/auth/client-address-server";
import { env } from "../lib/env";
import { flushTraces } from "../lib/telemetry/flush-traces";

function option(args: string[], names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== "dev" && mode !== "start") throw new Error("usage: serve dev|start [-H hostname] [-p port]");
  const dev = mode === "dev";
  // As `next dev` / `next start` set it (the environment is read from here on).
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  // Like `next start`: every interface unless -H names one.
  const hostname = option(args, ["-H", "--hostname"]);
  const port = Number(option(args, ["-p", "--port"]) ?? process.env.PORT ?? 3000);
  const hops = env().TRUSTED_PROXY_HOPS;

  // A new key at every start, never one from outside; Next's code (this process
  // and any worker it starts) inherits it through the environment.
  const key = randomBytes(32).toString("base64url");
  process.env.CLIENT_ADDRESS_KEY = key;

  const app = next({ dev, hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createClientAddressServer(handle, { key, hops });
  server.listen({ port, host: hostname }, () => {
    console.log(`LoopLlama ${dev ? "development" : "production"} server on http://${hostname ?? "localhost"}:${port}`);
  });
  // Spans still queued leave before the process does (a collector that is down gets its timeout, no more).
  const stop = () => {
    server.close();
    void app
      .close()
      .then(flushTraces)
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
