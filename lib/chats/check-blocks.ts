import "server-only";
import { assertWorkflowsExist } from "@/lib/agents/check-workflows";
import type { CreateAgentInput } from "@/lib/agents/schemas";
import type { Scope } from "@/lib/db/tenant";
import { AppError } from "@/lib/http/errors";
import { zodDetails } from "@/lib/http/respond";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { prepareWorkflow } from "@/lib/workflows/create-workflow";
import { createWorkflowSchema, type CreateWorkflowInput } from "@/lib/workflows/schemas";
import type { BlockProblem, ParsedBlock } from "./parse-blocks";
import { agentBlockSchema, type AgentBlock } from "./schemas";

/** A block judged by the same rules as the API, with what creating it needs. */
export type CheckedBlock = ParsedBlock & { name: string | null; valid: boolean } & (
    | { kind: "workflow-create"; input?: CreateWorkflowInput; prepared?: Awaited<ReturnType<typeof prepareWorkflow>> }
    | { kind: "agent-create"; input?: AgentBlock }
  );

/** The field problems an AppError carries (or its message as one problem). */
function problemsOf(err: unknown): BlockProblem[] {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  if (Array.isArray(err.details) && err.details.length > 0) {
    return err.details.map((d: { field?: unknown; message?: unknown }) => ({
      field: typeof d.field === "string" ? d.field : "(block)",
      message: typeof d.message === "string" ? d.message : err.message,
    }));
  }
  return [{ field: "(block)", message: err.message }];
}

function nameOf(value: unknown): string | null {
  if (value === null || typeof value !== "object") return null;
  const name = (value as { name?: unknown }).name;
  return typeof name === "string" && name.trim() ? name.trim().slice(0, 100) : null;
}

async function checkWorkflowBlock(scope: Scope, block: ParsedBlock): Promise<CheckedBlock> {
  const base = { ...block, kind: "workflow-create" as const, name: nameOf(block.value) };
  if (block.problems.length) return { ...base, valid: false };
  const parsed = createWorkflowSchema.safeParse(block.value);
  if (!parsed.success) return { ...base, valid: false, problems: zodDetails(parsed.error) };
  try {
    const prepared = await prepareWorkflow(scope, parsed.data);
    return { ...base, valid: true, input: parsed.data, prepared };
  } catch (err) {
    return { ...base, valid: false, problems: problemsOf(err) };
  }
}

async function checkAgentBlock(scope: Scope, block: ParsedBlock, proposed: Set<string>): Promise<CheckedBlock> {
  const base = { ...block, kind: "agent-create" as const, name: nameOf(block.value) };
  if (block.problems.length) return { ...base, valid: false };
  const parsed = agentBlockSchema.safeParse(block.value);
  if (!parsed.success) return { ...base, valid: false, problems: zodDetails(parsed.error) };
  const input = parsed.data;
  const problems: BlockProblem[] = [];
  const named = input.workflows.filter((n) => !proposed.has(n));
  const existing = named.length
    ? await scope.db.workflow.findMany({ where: { name: { in: named } }, select: { name: true } })
    : [];
  const known = new Set(existing.map((w) => w.name));
  input.workflows.forEach((name, i) => {
    if (!proposed.has(name) && !known.has(name)) {
      problems.push({ field: `workflows.${i}`, message: `No workflow named "${name}" here or in this reply` });
    }
  });
  const checks: [() => Promise<unknown>][] = [
    [() => assertWorkflowsExist(scope, input.workflowIds)],
    [() => assertModelCredentials(scope, [{ field: "model", model: input.model }])],
  ];
  for (const [check] of checks) {
    try {
      await check();
    } catch (err) {
      problems.push(...problemsOf(err));
    }
  }
  if (input.parentAgentId) {
    const parent = await scope.db.agent.findFirst({ where: { id: input.parentAgentId }, select: { id: true } });
    if (!parent) problems.push({ field: "parentAgentId", message: "No agent with this id in this workspace" });
  }
  return { ...base, valid: problems.length === 0, problems, input };
}

/**
 * Checks a reply's blocks with the API's schemas and graph rules and against
 * the workspace: models and their credentials, tools, event types, the
 * workflows an agent names (another workspace's ids are unknown here), and
 * that two blocks of one reply do not propose the same workflow name.
 */
export async function checkBlocks(scope: Scope, blocks: ParsedBlock[]): Promise<CheckedBlock[]> {
  const checked: CheckedBlock[] = [];
  const seen = new Set<string>();
  for (const block of blocks.filter((b) => b.kind === "workflow-create")) {
    const result = await checkWorkflowBlock(scope, block);
    if (result.valid && result.input) {
      if (seen.has(result.input.name)) {
        result.valid = false;
        result.problems = [{ field: "name", message: "Another block of this reply proposes the same name" }];
      }
      seen.add(result.input.name);
    }
    checked.push(result);
  }
  for (const block of blocks.filter((b) => b.kind === "agent-create")) {
    checked.push(await checkAgentBlock(scope, block, seen));
  }
  return checked.sort((a, b) => a.index - b.index);
}

/** An agent block's create-agent input, its named workflows resolved to ids. */
export function agentInputOf(block: AgentBlock, workflowIdsByName: Map<string, string>): CreateAgentInput {
  const { workflows, workflowIds, parentAgentId: _parent, ...rest } = block;
  const ids = [...workflows.map((n) => workflowIdsByName.get(n)!), ...workflowIds];
  return { ...rest, workflowIds: [...new Set(ids)] };
}

/** What a block shows in a response: its JSON, name, validity and problems. */
export function blockJson(block: CheckedBlock) {
  return {
    index: block.index,
    kind: block.kind,
    name: block.name,
    value: block.value,
    valid: block.valid,
    problems: block.problems,
  };
}
