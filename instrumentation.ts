/**
 * Next's start-up hook: with no Inngest server configured, the in-process
 * engine driver starts with the Node server and resumes runs left behind.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEngineIfLocal } = await import("./lib/engine/start");
  await startEngineIfLocal();
}
