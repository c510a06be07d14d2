type Env = Readonly<Record<string, string | undefined>>;

/**
 * The line a production server stops with when it was not started by
 * scripts/serve.ts (`npm start`): plain `next start` passes a client-sent
 * X-Forwarded-For on, has no key to sign the socket's address with, and every
 * client would share one rate-limit address. Null when it may start.
 */
export function checkClientAddressKey(env: Env = process.env): string | null {
  if (env.NODE_ENV !== "production" || env.CLIENT_ADDRESS_KEY) return null;
  return "Start the production server with `npm start` (scripts/serve.ts), not `next start`: only it records each client's address from the socket, which the sign-in and sign-up limits count by.";
}
