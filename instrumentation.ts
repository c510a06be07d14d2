/**
 * Next's start-up hook: a production server without NEXTAUTH_SECRET stops
 * with one line (however it was started; `npm start` checks even earlier).
 * With no Inngest server configured, the in-process engine driver starts with
 * the Node server and resumes runs left behind.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { stopWithoutAuthSecret } = await import("./lib/env/stop-without-auth-secret");
    stopWithoutAuthSecret();
  }
  const { startEngineIfLocal } = await import("./lib/engine/start");
  await startEngineIfLocal();
}
