import { z } from "zod";

const sandboxSchema = z.object({
  name: z.string(),
  provider: z.literal("daytona"),
  image: z.union([z.string(), z.object({ debian_slim: z.string().optional(), apt: z.array(z.string()).optional() })]),
  network: z.array(z.string()),
  reuse: z.enum(["run", "workflow"]),
});
/** A registry sandbox as a workflow version pins it (WorkflowVersion.context.sandboxes). */
export type PinnedSandbox = z.infer<typeof sandboxSchema>;

const graphSchema = z.object({
  nodes: z.array(
    z.object({ role: z.string(), sandbox: z.string().optional(), runtime: z.string().optional() }).loose(),
  ),
});
const contextSchema = z.object({ sandboxes: z.array(sandboxSchema).default([]) }).loose();

/** The sandboxes a version's nodes name, with the agents that need each and the pinned definition. */
export function pinnedSandboxes(
  graph: unknown,
  context: unknown,
): { name: string; agents: string[]; definition: PinnedSandbox | null; claudeCode: boolean }[] {
  const nodes = graphSchema.safeParse(graph).data?.nodes ?? [];
  const defined = contextSchema.safeParse(context ?? {}).data?.sandboxes ?? [];
  const byName = new Map<string, string[]>();
  for (const n of nodes) if (n.sandbox) byName.set(n.sandbox, [...(byName.get(n.sandbox) ?? []), n.role]);
  return [...byName].map(([name, agents]) => ({
    name,
    agents: [...new Set(agents)],
    definition: defined.find((d) => d.name === name) ?? null,
    // A claude-code node runs the Claude Agent SDK in it, which needs Node.js.
    claudeCode: nodes.some((n) => n.sandbox === name && n.runtime === "claude-code"),
  }));
}
