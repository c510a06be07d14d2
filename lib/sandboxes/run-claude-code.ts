import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { PermanentModelError } from "@/lib/models/errors";
import { outputSchema } from "@/lib/models/output-schema";
import type { ModelMessage } from "@/lib/models/types";
import { openRunSandbox } from "./run-sandbox-tool";
import { sdkMessage } from "./daytona-client";

/** The Claude Agent SDK release the sandbox installs (once per sandbox). */
export const CLAUDE_AGENT_SDK = "@anthropic-ai/claude-agent-sdk@0.3";
/** Where the runner, its SDK and each job's file live in the sandbox. */
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
import { fileURLToPath } from "node:url";
import { query } from "@anthropic-ai/claude-agent-sdk";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
let result = null;
for await (const message of query({
  prompt: job.prompt,
  options: {
    model: job.model,
    systemPrompt: job.system,
    // The sandbox's working directory, two levels above this file.
    cwd: fileURLToPath(new URL("../../", import.meta.url)),
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

/** The command the sandbox runs: install the SDK once, then the runner on the job file. */
export function claudeCodeCommand(jobFile: string): string {
  return (
    `cd ${CLAUDE_CODE_DIR} && ` +
    `(test -d node_modules/@anthropic-ai/claude-agent-sdk || npm install --silent --no-audit --no-fund ${CLAUDE_AGENT_SDK} >/dev/null) && ` +
    `node runner.mjs ${jobFile}`
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
 * One turn of a claude-code node in its sandbox: the runner and the job (prompt,
 * system prompt, model) are written there, the SDK runs there with the Anthropic
 * key in its environment (never on this server), and the marked result line becomes
 * the step's answer and tokens. Failures are model errors: the step fails with them.
 */
export async function runClaudeCode(
  scope: Scope,
  runId: string,
  sandboxName: string,
  turn: ClaudeCodeTurn,
  apiKey: string | null,
): Promise<ClaudeCodeResult> {
  const key = apiKey ?? env().ANTHROPIC_API_KEY;
  if (!key)
    throw new PermanentModelError(
      "claude-code needs an Anthropic API key (ANTHROPIC_API_KEY or the model's credential)",
    );
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
