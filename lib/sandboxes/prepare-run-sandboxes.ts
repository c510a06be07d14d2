import "server-only";
import { createHash } from "node:crypto";
import { Image, type CreateSandboxFromImageParams } from "@daytonaio/sdk";
import type { Scope } from "@/lib/db/tenant";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { findSandboxConnection } from "./connection";
import { deleteSandbox } from "./delete-sandboxes";
import { assertToolboxHost, openDaytona, sdkMessage } from "./daytona-client";
import { SandboxError } from "./errors";
import { pinnedSandboxes, type PinnedSandbox } from "./pinned-sandboxes";

/** How long the SDK waits for a new sandbox to be started, in seconds. */
const CREATE_TIMEOUT_S = 300;

export type PreparedSandboxes = { ok: true; sandboxes: Record<string, string> } | { ok: false; error: string };

/** The SDK's create parameters for a registry sandbox: its image, packages and the hosts it may reach. */
export function createParams(
  sandbox: PinnedSandbox,
  labels: Record<string, string>,
  options: { node?: boolean } = {},
): CreateSandboxFromImageParams {
  let image: string | Image;
  // An image by name is taken as it is (a claude-code agent needs Node.js and npm in it).
  if (typeof sandbox.image === "string") image = sandbox.image;
  else {
    image = Image.debianSlim((sandbox.image.debian_slim ?? "3.12") as "3.12");
    const apt = [...new Set([...(sandbox.image.apt ?? []), ...(options.node ? ["nodejs", "npm"] : [])])];
    if (apt.length)
      image = image.runCommands(
        `apt-get update && apt-get install -y --no-install-recommends ${apt.join(" ")} && rm -rf /var/lib/apt/lists/*`,
      );
  }
  return {
    image,
    labels,
    // Egress: the declared hosts only; none declared, none at all.
    ...(sandbox.network.length ? { domainAllowList: sandbox.network.join(",") } : { networkBlockAll: true }),
  };
}

/**
 * What a sandbox is made from, as one hash: its image, packages and egress, and whether a
 * claude-code node adds Node.js. A kept sandbox whose hash differs was made from another
 * definition (a tightened network allowlist, say) and is replaced, not reused.
 */
export function definitionHash(sandbox: PinnedSandbox, options: { node?: boolean } = {}): string {
  const image =
    typeof sandbox.image === "string"
      ? sandbox.image
      : { debian_slim: sandbox.image.debian_slim ?? null, apt: sandbox.image.apt ?? [] };
  const made = { provider: sandbox.provider, image, network: sandbox.network, node: Boolean(options.node) };
  return createHash("sha256").update(JSON.stringify(made)).digest("hex");
}

/**
 * At a run's start: a sandbox for each one its graph's nodes name, created through the
 * Daytona SDK (or, declared `reuse: workflow`, the one the workflow's earlier runs kept,
 * when it was made from the same definition: one made from another is deleted and replaced),
 * recorded as a Sandbox row the moment it exists and on the run as { <name>: <row id> }.
 * A run already prepared (a retried step) gets what it has. No provider configured: the
 * error naming the agents that need one, before any model is called.
 */
export async function prepareRunSandboxes(scope: Scope, runId: string): Promise<PreparedSandboxes> {
  const run = await scope.db.run.findFirstOrThrow({
    where: { id: runId },
    select: { workflowId: true, sandboxes: true, workflowVersion: { select: { graph: true, context: true } } },
  });
  const done = parseJsonColumn<Record<string, string> | null>(run.sandboxes);
  if (done) return { ok: true, sandboxes: done };
  const needed = pinnedSandboxes(run.workflowVersion.graph, run.workflowVersion.context);
  if (needed.length === 0) return { ok: true, sandboxes: {} };
  let connection;
  try {
    connection = await findSandboxConnection(scope, runId);
  } catch (err) {
    if (err instanceof SandboxError) return { ok: false, error: err.message };
    throw err;
  }
  if (!connection) {
    const agents = [...new Set(needed.flatMap((s) => s.agents))].join(", ");
    const names = needed.map((s) => `"${s.name}"`).join(", ");
    return {
      ok: false,
      error: `Agents ${agents} need sandbox ${names}, and no daytona sandbox provider is configured (add a daytona credential to the workspace, or set DAYTONA_API_KEY on the server)`,
    };
  }
  const missing = needed.find((s) => !s.definition);
  if (missing) return { ok: false, error: `Sandbox "${missing.name}" is not declared in the version's registry` };
  const sandboxes: Record<string, string> = {};
  try {
    const daytona = await openDaytona(connection);
    for (const s of needed) {
      const hash = definitionHash(s.definition!, { node: s.claudeCode });
      if (s.definition!.reuse === "workflow") {
        const kept = await scope.db.sandbox.findMany({
          where: { workflowId: run.workflowId, name: s.name, runId: null, deletedAt: null },
          orderBy: { createdAt: "desc" },
          select: { id: true, providerId: true, credentialId: true, definitionHash: true },
        });
        const same = kept.find((k) => k.definitionHash === hash);
        // Made from another definition: deleted now, not left to the idle sweep.
        for (const k of kept) if (k !== same) await deleteSandbox(scope, k);
        if (same) {
          await scope.db.sandbox.updateMany({ where: { id: same.id }, data: { lastUsedAt: new Date() } });
          sandboxes[s.name] = same.id;
          continue;
        }
      }
      const labels = { "loopllama-workflow": run.workflowId, "loopllama-sandbox": s.name, "loopllama-run": runId };
      const created = await daytona.create(createParams(s.definition!, labels, { node: s.claudeCode }), {
        timeout: CREATE_TIMEOUT_S,
      });
      await assertToolboxHost(created.toolboxProxyUrl);
      const row = await scope.db.sandbox.create({
        data: {
          workspaceId: scope.workspaceId,
          runId: s.definition!.reuse === "workflow" ? null : runId,
          workflowId: run.workflowId,
          name: s.name,
          providerId: created.id,
          credentialId: connection.credentialId,
          definitionHash: hash,
        },
        select: { id: true },
      });
      sandboxes[s.name] = row.id;
    }
  } catch (err) {
    const message =
      err instanceof SandboxError ? err.message : `Daytona could not create a sandbox: ${sdkMessage(err)}`;
    return { ok: false, error: message };
  }
  await scope.db.run.updateMany({ where: { id: runId }, data: { sandboxes } });
  return { ok: true, sandboxes };
}
