/**
 * Next's start-up hook: the app's function list is handed to the engine, which
 * (with no Inngest server configured) runs it in-process and resumes runs left behind.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { functions } = await import("./inngest");
  const { startEngine } = await import("./lib/engine/start");
  await startEngine(functions);
}
