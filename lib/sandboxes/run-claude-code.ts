import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { AppError } from "@/lib/http/errors";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import { PermanentModelError } from "@/lib/models/errors";
import { outputSchema } from "@/lib/models/output-schema";
import type { ModelMessage } from "@/lib/models/types";
import { openRunSandbox } from "./run-sandbox-tool";
import { sdkMessage } from "./daytona-client";

/** The Claude Agent SDK release the sandbox installs (afresh for every turn). */
export const CLAUDE_AGENT_SDK = "@anthropic-ai/claude-agent-sdk@0.3";
/** The registry the SDK is installed from, named so a changed npm configuration in the sandbox is not followed. */
export const NPM_REGISTRY = "https://registry.npmjs.org/";
/** Where the runner and each job's file are written in the sandbox. */
export const CLAUDE_CODE_DIR = ".loopllama/claude-code";
/** The line the runner prints its result on, after whatever Claude Code printed. */
export const RESULT_MARKER = "@@loopllama-result ";
/** How long one claude-code turn may run in the sandbox, in seconds. */
const TURN_TIMEOUT_S = 1800;

/**
 * The script that runs in the sandbox: the Claude Agent SDK's query() with the
 * agent's prompt, Claude Code's own tools working in the sandbox's directory, and
 * its result printed as one marked JSON line.
 */
export const RUNNER = `import { readFileSync } from "node:fs";
import { query } from "@anthropic-ai/claude-agent-sdk";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
// The sandbox's working directory, where Claude Code works: the command passes it.
const cwd = process.argv[3];
let result = null;
for await (const message of query({
  prompt: job.prompt,
  options: {
    model: job.model,
    systemPrompt: job.system,
    cwd,
    permissionMode: "acceptEdits",
    allowedTools: ["Bash", "Read", "Write", "Edit", "Glob", "Grep"],
  },
})) {
  if (message.type === "result") result = message;
}
process.stdout.write("\\n${RESULT_MARKER}" + JSON.stringify({
  text: result && typeof result.result === "string" ? result.result : "",
  error: !result || result.is_error ? (result ? result.subtype : "no result") : null,
  inputTokens: result?.usage?.input_tokens ?? 0,
  outputTokens: result?.usage?.output_tokens ?? 0,
}) + "\\n");
`;

export interface ClaudeCodeTurn {
  model: string;
  system: string;
  messages: ModelMessage[];
  output?: Record<string, string>;
  /** The step's id: its job file is named after it. */
  stepId: string;
}

export interface ClaudeCodeResult {
  text: string;
  data?: Record<string, unknown>;
  inputTokens: number;
  outputTokens: number;
}

/** The prompt Claude Code gets: the step's conversation as text, and the typed fields it must end with. */
export function claudeCodePrompt(turn: Pick<ClaudeCodeTurn, "messages" | "output">): string {
  const said = turn.messages
    .filter((m) => m.content)
    .map((m) => (m.role === "user" ? m.content : `(your earlier answer) ${m.content}`))
    .join("\n\n");
  if (!turn.output) return said;
  return `${said}\n\nWhen you are done, end your answer with only a JSON object with these fields: ${JSON.stringify(turn.output)}`;
}

/**
 * The command the sandbox runs: the SDK installed into a new temporary directory (removed
 * when the command ends) with the runner, then the runner on the job file. Never an SDK a
 * sandbox already holds: in a sandbox a workflow reuses, an earlier run's commands could
 * have changed it, and the turn's key is in this command's environment.
 */
export function claudeCodeCommand(jobFile: string): string {
  return (
    `w="$(pwd)" && d="$(mktemp -d)" && trap 'rm -rf "$d"' EXIT && ` +
    `cp ${CLAUDE_CODE_DIR}/runner.mjs "$d/" && cd "$d" && ` +
    `npm install --silent --no-audit --no-fund --no-package-lock --registry=${NPM_REGISTRY} ${CLAUDE_AGENT_SDK} >/dev/null && ` +
    `node runner.mjs "$w/${CLAUDE_CODE_DIR}/${jobFile}" "$w"`
  );
}

/** The runner's marked line in the command's output, with the typed answer checked against its fields. */
export function parseClaudeCodeOutput(
  output: string,
  exitCode: number,
  fields?: Record<string, string>,
): ClaudeCodeResult {
  const line = output
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(RESULT_MARKER));
  if (!line) {
    const tail = output.trim().split("\n").slice(-5).join(" | ").slice(0, 500);
    throw new PermanentModelError(`claude-code in the sandbox ended (exit ${exitCode}) without a result: ${tail}`);
  }
  const parsed = JSON.parse(line.slice(RESULT_MARKER.length)) as {
    text: string;
    error: string | null;
    inputTokens: number;
    outputTokens: number;
  };
  const usage = { inputTokens: parsed.inputTokens, outputTokens: parsed.outputTokens };
  if (parsed.error) {
    const err = new PermanentModelError(`claude-code in the sandbox failed: ${parsed.error}`);
    Object.assign(err, usage);
    throw err;
  }
  if (!fields) return { text: parsed.text, ...usage };
  const json = /\{[\s\S]*\}\s*$/.exec(parsed.text.trim())?.[0];
  let value: unknown = null;
  try {
    value = json ? JSON.parse(json) : null;
  } catch {
    value = null;
  }
  const checked = outputSchema(fields).safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const err = new PermanentModelError(
      `claude-code's answer did not end with its typed fields: ${issue.path.map(String).join(".") || "(answer)"}: ${issue.message}`,
    );
    Object.assign(err, usage);
    throw err;
  }
  return { text: JSON.stringify(checked.data), data: checked.data, ...usage };
}

/**
 * The workspace's own Anthropic key for a claude-code turn: the anthropic credential its
 * model names. Never the server's ANTHROPIC_API_KEY: the sandbox is the workspace's, and
 * whatever runs in it can read the key.
 */
async function workspaceAnthropicKey(
  scope: Scope,
  runId: string,
  model: string,
  credentialId: string | undefined,
): Promise<string> {
  if (!credentialId) {
    throw new PermanentModelError(
      `claude-code runs in the sandbox with the workspace's own Anthropic key, and model ${model} names no credential: bind an anthropic credential to the model (its credentialId)`,
    );
  }
  try {
    return (await unlockCredential(scope, credentialId, { runId, kind: "anthropic" })).secret;
  } catch (err) {
    if (err instanceof AppError) throw new PermanentModelError(`claude-code: ${err.message}`);
    throw err;
  }
}

/**
 * One turn of a claude-code node in its sandbox: the runner and the job (prompt,
 * system prompt, model) are written there, the SDK runs there with the workspace's
 * Anthropic key (the credential `credentialId`, its model's) in its environment, and
 * the marked result line becomes the step's answer and tokens. Failures are model
 * errors: the step fails with them, before anything is sent when there is no key.
 */
export async function runClaudeCode(
  scope: Scope,
  runId: string,
  sandboxName: string,
  turn: ClaudeCodeTurn,
  credentialId: string | undefined,
): Promise<ClaudeCodeResult> {
  const key = await workspaceAnthropicKey(scope, runId, turn.model, credentialId);
  let output: { exitCode: number; result: string };
  try {
    const sandbox = await openRunSandbox(scope, runId, sandboxName);
    const jobFile = `job-${turn.stepId}.json`;
    const job = {
      model: turn.model,
      system: turn.system,
      prompt: claudeCodePrompt(turn),
    };
    await sandbox.fs.uploadFiles([
      { source: Buffer.from(RUNNER), destination: `${CLAUDE_CODE_DIR}/runner.mjs` },
      { source: Buffer.from(JSON.stringify(job)), destination: `${CLAUDE_CODE_DIR}/${jobFile}` },
    ]);
    const res = await sandbox.process.executeCommand(
      claudeCodeCommand(jobFile),
      undefined,
      { ANTHROPIC_API_KEY: key },
      TURN_TIMEOUT_S,
    );
    output = { exitCode: res.exitCode, result: res.result };
  } catch (err) {
    throw new PermanentModelError(`claude-code could not run in sandbox "${sandboxName}": ${sdkMessage(err)}`);
  }
  return parseClaudeCodeOutput(output.result, output.exitCode, turn.output);
}
