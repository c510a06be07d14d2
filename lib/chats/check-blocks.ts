import "server-only";
import { assertWorkflowsExist } from "@/lib/agents/check-workflows";
import type { CreateAgentInput } from "@/lib/agents/schemas";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { zodDetails } from "@/lib/http/respond";
import { checkPatch } from "@/lib/agents/crew-patch";
import { checkGraphPatch } from "@/lib/agents/graph-patch";
import type { ProposedEventTypes } from "@/lib/events/assert-event-references";
import { eventNameTaken } from "@/lib/events/create-event-type";
import type { EventFields } from "@/lib/events/field-types";
import { createEventTypeSchema, MAX_EVENT_TYPES_PER_WORKSPACE, type CreateEventTypeInput } from "@/lib/events/schemas";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { prepareWorkflow } from "@/lib/workflows/create-workflow";
import { prepareVersion, type NewContent, type PreparedVersion } from "@/lib/workflows/replace-version";
import { createWorkflowSchema, type CreateWorkflowInput } from "@/lib/workflows/schemas";
import { contentWithModelRefs, versionContent, type VersionContent } from "@/lib/workflows/serialize-workflow";
import { readJson, type BlockProblem, type ParsedBlock } from "./parse-blocks";
import {
  agentBlockSchema,
  workflowUpdateBlockSchema,
  type AgentBlock,
  type BlockEdits,
  type WorkflowUpdateBlock,
} from "./schemas";

/** What a checked workflow-update block changes: the workflow, its version now, and the new content. */
export interface BlockUpdate {
  workflowId: string;
  workflowName: string;
  fromVersion: number;
  before: VersionContent;
  content: NewContent;
  prepared?: PreparedVersion;
}

/** A block judged by the same rules as the API, with what creating it needs. */
export type CheckedBlock = ParsedBlock & { name: string | null; valid: boolean } & (
    | { kind: "workflow-create"; input?: CreateWorkflowInput; prepared?: Awaited<ReturnType<typeof prepareWorkflow>> }
    | { kind: "workflow-update"; input?: WorkflowUpdateBlock; update?: BlockUpdate }
    | { kind: "agent-create"; input?: AgentBlock }
    | { kind: "event-type-create"; input?: CreateEventTypeInput }
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

async function checkEventTypeBlock(scope: Scope, block: ParsedBlock, room: number): Promise<CheckedBlock> {
  const base = { ...block, kind: "event-type-create" as const, name: nameOf(block.value) };
  if (block.problems.length) return { ...base, valid: false };
  const parsed = createEventTypeSchema.safeParse(block.value);
  if (!parsed.success) return { ...base, valid: false, problems: zodDetails(parsed.error) };
  const problems: BlockProblem[] = [];
  if (room <= 0) {
    problems.push({
      field: "(block)",
      message: `A workspace can have at most ${MAX_EVENT_TYPES_PER_WORKSPACE} event types; delete one first.`,
    });
  }
  const other = await scope.db.eventType.findFirst({
    where: { name: { equals: parsed.data.name, mode: "insensitive" } },
    select: { name: true },
  });
  if (other) problems.push(...problemsOf(eventNameTaken(other.name)));
  return { ...base, valid: problems.length === 0, problems, input: parsed.data };
}

/** A reflection-style patch checked against what the workflow holds: a graph for a graph, a crew for a crew. */
function contentOfPatch(patch: unknown, before: VersionContent): { content: NewContent } | { problem: string } {
  if (before.kind === "graph") {
    const check = checkGraphPatch(patch, before.graph);
    return check.ok ? { content: { graph: check.graph } } : { problem: check.problem };
  }
  const check = checkPatch(patch);
  return check.ok ? { content: { crew: check.crew } } : { problem: check.problem };
}

async function checkUpdateBlock(
  scope: Scope,
  block: ParsedBlock,
  proposedEvents: ProposedEventTypes,
  updated: Set<string>,
): Promise<CheckedBlock> {
  const base = { ...block, kind: "workflow-update" as const, name: nameOf(block.value) };
  if (block.problems.length) return { ...base, valid: false };
  const parsed = workflowUpdateBlockSchema.safeParse(block.value);
  if (!parsed.success) return { ...base, valid: false, problems: zodDetails(parsed.error) };
  const input = parsed.data;
  // Another workspace's id is not found here: the tenant client filters every query.
  const workflow = await scope.db.workflow.findFirst({
    where: input.workflowId ? { id: input.workflowId } : { name: input.workflow },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, currentVersion: true },
  });
  if (!workflow) {
    const problem = input.workflowId
      ? { field: "workflowId", message: "No workflow with this id in this workspace" }
      : { field: "workflow", message: `No workflow named "${input.workflow}" in this workspace` };
    return { ...base, valid: false, problems: [problem], input };
  }
  const named = { ...base, name: workflow.name, input };
  const version = await scope.db.workflowVersion.findFirst({
    where: { workflowId: workflow.id, version: workflow.currentVersion },
    select: { crew: true, graph: true },
  });
  if (!version)
    return { ...named, valid: false, problems: [{ field: "workflowId", message: "The workflow has no version" }] };
  const before = versionContent(version);
  const update = { workflowId: workflow.id, workflowName: workflow.name, fromVersion: workflow.currentVersion, before };
  if (updated.has(workflow.id)) {
    return {
      ...named,
      valid: false,
      problems: [
        {
          field: input.workflowId ? "workflowId" : "workflow",
          message: "Another block of this reply changes this workflow",
        },
      ],
    };
  }
  updated.add(workflow.id);
  const patched = contentOfPatch(input.patch, before);
  if ("problem" in patched) {
    return { ...named, valid: false, problems: [{ field: "patch", message: patched.problem }] };
  }
  try {
    const prepared = await prepareVersion(scope, { workflowId: workflow.id, content: patched.content }, proposedEvents);
    return { ...named, valid: true, problems: [], update: { ...update, content: patched.content, prepared } };
  } catch (err) {
    return { ...named, valid: false, problems: problemsOf(err), update: { ...update, content: patched.content } };
  }
}

async function checkWorkflowBlock(
  scope: Scope,
  block: ParsedBlock,
  proposedEvents: ProposedEventTypes,
): Promise<CheckedBlock> {
  const base = { ...block, kind: "workflow-create" as const, name: nameOf(block.value) };
  if (block.problems.length) return { ...base, valid: false };
  const parsed = createWorkflowSchema.safeParse(block.value);
  if (!parsed.success) return { ...base, valid: false, problems: zodDetails(parsed.error) };
  try {
    const prepared = await prepareWorkflow(scope, parsed.data, proposedEvents);
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

/** The reply's blocks with a person's edits in place of those they replaced, read like the reply's own. */
export function withEdits(blocks: ParsedBlock[], edits: BlockEdits["blocks"]): ParsedBlock[] {
  const byIndex = new Map(edits.map((e) => [e.index, e.value]));
  return blocks.map((block) =>
    byIndex.has(block.index) ? { ...block, ...readJson(JSON.stringify(byIndex.get(block.index)) ?? "") } : block,
  );
}

/**
 * Checks a reply's blocks with the API's schemas and graph rules and against
 * the workspace: models and their credentials, tools, event types (those the
 * reply proposes count), the workflows an update or an agent names (another
 * workspace's ids are unknown here), and that two blocks of one reply do not
 * propose the same workflow or event type name, nor change one workflow twice.
 */
export async function checkBlocks(scope: Scope, blocks: ParsedBlock[]): Promise<CheckedBlock[]> {
  const checked: CheckedBlock[] = [];
  const proposedEvents = new Map<string, EventFields>();
  const eventNames = new Set<string>();
  let room = MAX_EVENT_TYPES_PER_WORKSPACE - (await scope.db.eventType.count());
  for (const block of blocks.filter((b) => b.kind === "event-type-create")) {
    const result = await checkEventTypeBlock(scope, block, room);
    if (result.kind === "event-type-create" && result.input) {
      const key = result.input.name.toLowerCase();
      if (eventNames.has(key)) {
        result.valid = false;
        result.problems = [
          ...result.problems,
          { field: "name", message: "Another block of this reply proposes the same name" },
        ];
      }
      eventNames.add(key);
      if (result.valid) proposedEvents.set(result.input.name, result.input.fields);
      room -= 1;
    }
    checked.push(result);
  }
  const seen = new Set<string>();
  for (const block of blocks.filter((b) => b.kind === "workflow-create")) {
    const result = await checkWorkflowBlock(scope, block, proposedEvents);
    if (result.kind === "workflow-create" && result.valid && result.input) {
      if (seen.has(result.input.name)) {
        result.valid = false;
        result.problems = [{ field: "name", message: "Another block of this reply proposes the same name" }];
      }
      seen.add(result.input.name);
    }
    checked.push(result);
  }
  const updated = new Set<string>();
  for (const block of blocks.filter((b) => b.kind === "workflow-update")) {
    checked.push(await checkUpdateBlock(scope, block, proposedEvents, updated));
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

/**
 * Checked blocks as a chat message stores them. A block's value is whatever
 * the model wrote, parsed from JSON, so it is JSON already; the round trip
 * drops what JSON cannot hold (undefined fields) as the column would.
 */
export function storedBlocks(blocks: CheckedBlock[]): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(blocks.map(blockJson))) as Prisma.InputJsonValue;
}

/** What a block shows in a response: its JSON, name, validity and problems; an update also its before and after. */
export function blockJson(block: CheckedBlock) {
  const update = block.kind === "workflow-update" && block.update ? block.update : null;
  return {
    index: block.index,
    kind: block.kind,
    name: block.name,
    value: block.value,
    valid: block.valid,
    problems: block.problems,
    ...(update
      ? {
          update: {
            workflowId: update.workflowId,
            fromVersion: update.fromVersion,
            before: contentWithModelRefs(update.before),
            after: contentWithModelRefs(
              versionContent({ crew: update.content.crew ?? null, graph: update.content.graph ?? null }),
            ),
          },
        }
      : {}),
  };
}
