import "server-only";
import { z } from "zod";
import type { Scope } from "@/lib/db/tenant";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { sandboxConnection } from "./connection";
import { assertToolboxHost, openDaytona, sdkMessage } from "./daytona-client";
import { SandboxError } from "./errors";

/** The largest file write_file writes, in characters. */
export const MAX_WRITE_CHARS = 1_000_000;
/** The longest command run_command runs, in characters. */
export const MAX_COMMAND_CHARS = 10_000;

const path = z.string().trim().min(1, "path is required").max(1000, "path: use at most 1000 characters");
export const sandboxToolInputs = {
  run_command: z.strictObject({
    command: z
      .string()
      .min(1, "command is required")
      .max(MAX_COMMAND_CHARS, `command: at most ${MAX_COMMAND_CHARS} characters`),
    cwd: path.optional(),
  }),
  read_file: z.strictObject({ path }),
  write_file: z.strictObject({
    path,
    content: z
      .string({ error: "content is required" })
      .max(MAX_WRITE_CHARS, `content: at most ${MAX_WRITE_CHARS} characters`),
  }),
};
export type SandboxToolName = keyof typeof sandboxToolInputs;

/** What the model is told of each tool. */
export const SANDBOX_TOOL_DESCRIPTIONS: Record<SandboxToolName, string> = {
  run_command:
    "Run a shell command in your sandbox (a Linux machine of your own for this run). Returns its exit code and output (stdout and stderr).",
  read_file: "Read a text file from your sandbox. Relative paths are inside the sandbox's working directory.",
  write_file: "Write a text file in your sandbox (creating its directories), replacing any file at that path.",
};

export interface SandboxToolLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** The sandbox `name` of a run, as the SDK's Sandbox, ready for a call. */
export async function openRunSandbox(scope: Scope, runId: string, name: string) {
  const run = await scope.db.run.findFirst({ where: { id: runId }, select: { sandboxes: true } });
  const rowId = parseJsonColumn<Record<string, string> | null>(run?.sandboxes ?? null)?.[name];
  const row = rowId
    ? await scope.db.sandbox.findFirst({
        where: { id: rowId, deletedAt: null },
        select: { providerId: true, credentialId: true },
      })
    : null;
  if (!row) throw new SandboxError(`Sandbox "${name}" was not created for this run`);
  const connection = await sandboxConnection(scope, row.credentialId, runId);
  if (!connection)
    throw new SandboxError(`Sandbox "${name}": the daytona provider it was created with is no longer configured`);
  const daytona = await openDaytona(connection);
  const sandbox = await daytona.get(row.providerId);
  await assertToolboxHost(sandbox.toolboxProxyUrl);
  return sandbox;
}

function cut(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  return `${bytes.subarray(0, maxBytes).toString("utf8")}\n… (output cut at ${maxBytes} bytes of ${bytes.length})`;
}

function tooLarge(path: string, size: number, maxBytes: number): SandboxError {
  return new SandboxError(
    `read_file: ${path} is ${size} bytes, more than the ${maxBytes} a read may return; read part of it with run_command (head, tail or sed -n)`,
  );
}

/**
 * One call of run_command, read_file or write_file in the run's sandbox `name`, through
 * the Daytona SDK. Its answer is the tool's result (recorded on the step's tool call, so
 * it is in the transcript); a refusal or a provider error throws a SandboxError.
 */
export async function runSandboxTool(
  scope: Scope,
  runId: string,
  name: string,
  tool: SandboxToolName,
  input: unknown,
  limits: SandboxToolLimits,
): Promise<string> {
  const parsed = sandboxToolInputs[tool].safeParse(input ?? {});
  if (!parsed.success) throw new SandboxError(`${tool}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const sandbox = await openRunSandbox(scope, runId, name);
  const args = parsed.data as Record<string, string | undefined>;
  // The SDK takes whole seconds: the tool's TOOL_TIMEOUT_MS, rounded up.
  const seconds = Math.max(1, Math.ceil(limits.timeoutMs / 1000));
  try {
    if (tool === "run_command") {
      const res = await sandbox.process.executeCommand(args.command!, args.cwd, undefined, seconds);
      // Only the first maxBytes of the output are kept (in the transcript and the model's context).
      return JSON.stringify({ exitCode: res.exitCode, output: cut(res.result, limits.maxBytes) });
    }
    if (tool === "read_file") {
      // Its size first: a file over the cap is refused without being downloaded.
      const details = await sandbox.fs.getFileDetails(args.path!);
      if (details.isDir) throw new SandboxError(`read_file: ${args.path} is a directory`);
      if (details.size > limits.maxBytes) throw tooLarge(args.path!, details.size, limits.maxBytes);
      const content = await sandbox.fs.downloadFile(args.path!, seconds);
      // It may have grown since.
      if (content.length > limits.maxBytes) throw tooLarge(args.path!, content.length, limits.maxBytes);
      return content.toString("utf8");
    }
    const content = Buffer.from(args.content!, "utf8");
    await sandbox.fs.uploadFile(content, args.path!, seconds);
    return `Wrote ${content.length} bytes to ${args.path}`;
  } catch (err) {
    if (err instanceof SandboxError) throw err;
    throw new SandboxError(`${tool} in sandbox "${name}" failed: ${sdkMessage(err)}`);
  }
}
