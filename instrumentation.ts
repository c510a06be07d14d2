/**
 * Next's start-up hook: a production server without NEXTAUTH_SECRET (or
 * CREDENTIALS_KEY) stops with one line (however it was started; `npm start` checks even earlier),
 * and so does one not started by scripts/serve.ts (it alone records client addresses).
 * Then the app's function list is handed to the engine, which (with no
 * Inngest server configured) runs it in-process and resumes runs left behind.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { stopWithoutAuthSecret } = await import("./lib/env/stop-without-auth-secret");
    stopWithoutAuthSecret();
    const { stopWithoutCredentialsKey } = await import("./lib/env/stop-without-credentials-key");
    stopWithoutCredentialsKey();
    const { stopWithoutClientAddressKey } = await import("./lib/env/stop-without-client-address-key");
    stopWithoutClientAddressKey();
  }
  const { functions } = await import("./inngest");
  const { startEngine } = await import("./lib/engine/start");
  await startEngine(functions);
}
