import { readEvents, type ApiClient } from "./api-client";
import { plainText } from "./plain-text";

/* Follows a run's event stream, printing one progress line per step, with its output under it. */

interface StepView {
  id: string;
  nodeId: string;
  role: string;
  status: string;
  output?: string | null;
  error?: string | null;
  durationMs?: number | null;
  costUsd?: number;
}

/** A step's output under its line: its first lines, indented, cut to a few hundred characters. */
export function outputPreview(output: string, indent: string): string[] {
  const lines = output
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  const shown: string[] = [];
  let room = 300;
  for (const line of lines.slice(0, 4)) {
    if (room <= 0) break;
    shown.push(`${indent}${line.length > room ? `${line.slice(0, room - 1)}…` : line}`);
    room -= line.length;
  }
  if (lines.length > shown.length) shown.push(`${indent}…`);
  return shown;
}

interface RunView {
  id: string;
  status: string;
  workflowName?: string;
  output?: string | null;
  error?: string | null;
  errorCode?: string | null;
  durationMs?: number | null;
  steps?: StepView[];
}

/** Writes lines (as plain text); on a terminal, a step's "running" line is replaced by its result. */
export class Progress {
  private pending: string | null = null;
  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  line(text: string, key?: string) {
    if (this.pending !== null) {
      this.write(this.pending === key ? "\r\x1b[2K" : "\n");
      this.pending = null;
    }
    this.write(`${plainText(text)}\n`);
  }

  running(text: string, key: string) {
    if (!this.tty) return this.line(text);
    if (this.pending !== null) this.write("\n");
    this.write(plainText(text));
    this.pending = key;
  }

  flush() {
    if (this.pending !== null) this.write("\n");
    this.pending = null;
  }
}

const TERMINAL = ["completed", "failed", "cancelled"];

function seconds(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "" : ` · ${(ms / 1000).toFixed(1)}s`;
}

/**
 * Prints each step as it starts and ends, then the run's result. Reconnects
 * when the server ends a long stream. Resolves to the run's final state.
 */
export async function followRun(client: ApiClient, runId: string, progress: Progress, label = ""): Promise<RunView> {
  const prefix = label ? `[${label}] ` : "";
  let run: RunView = { id: runId, status: "queued" };
  const seen = new Map<string, string>();
  const show = (step: StepView) => {
    if (seen.get(step.id) === step.status) return;
    seen.set(step.id, step.status);
    const name = step.role && step.role !== step.nodeId ? `${step.nodeId} (${step.role})` : step.nodeId;
    if (step.status === "running") progress.running(`${prefix}  ▸ ${name} running…`, step.id);
    else if (step.status === "completed") {
      const cost = step.costUsd ? ` · $${step.costUsd.toFixed(4)}` : "";
      progress.line(`${prefix}  ✓ ${name}${seconds(step.durationMs)}${cost}`, step.id);
      for (const line of outputPreview(step.output ?? "", `${prefix}    `)) progress.line(line);
    } else if (step.status === "failed") progress.line(`${prefix}  ✗ ${name}: ${step.error ?? "failed"}`, step.id);
    else if (step.status === "skipped" || step.status === "cancelled")
      progress.line(`${prefix}  – ${name} ${step.status}`, step.id);
  };
  for (let attempt = 0; attempt < 1000; attempt++) {
    const res = await client.stream(`/api/v1/runs/${encodeURIComponent(runId)}/events`);
    let ended = false;
    for await (const { event, data } of readEvents(res)) {
      if (event === "run") {
        const changed = JSON.parse(data) as RunView;
        run = { ...run, ...changed };
        if (changed.steps) for (const step of changed.steps) show(step);
      } else if (event === "step") show(JSON.parse(data) as StepView);
      else if (event === "end") ended = true;
      else if (event === "error") {
        progress.flush();
        throw new Error(`The run's stream failed: ${data}`);
      }
      if (ended) break;
    }
    if (ended || TERMINAL.includes(run.status)) break;
  }
  const name = run.workflowName ?? runId;
  if (run.status === "completed") {
    progress.line(`${prefix}✓ ${name} completed${seconds(run.durationMs)} (run ${run.id})`);
    if (run.output) progress.line(run.output.trim());
  } else {
    const code = run.errorCode ? ` [${run.errorCode}]` : "";
    progress.line(`${prefix}✗ ${name} ${run.status}${code}: ${run.error ?? "no reason given"} (run ${run.id})`);
  }
  return run;
}
