import { describe, expect, it } from "vitest";
import { POST as cancelRun } from "@/app/api/v1/runs/[id]/cancel/route";
import { PUT as replaceCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as restoreVersion } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { db } from "@/lib/db/client";
import { apiRequest, call, fromClient, makeUser } from "../support/factory";

const CREW = [
  { role: "researcher", systemPrompt: "Extract the key claims." },
  { role: "writer", systemPrompt: "Draft a summary." },
];

describe("the audit log records", () => {
  it("workflow versions made, replaced and restored, and runs started and cancelled, by whom and from where", async () => {
    const owner = await makeUser("audit-actions");
    const auth = { token: owner.token };
    const from = fromClient("203.0.113.20");
    const made = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, { name: "Audited", model: "claude-sonnet-4-6", crew: CREW }, from),
    );
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const put = (crew: unknown) =>
      call(replaceCrew, apiRequest("PUT", `/api/v1/workflows/${id}/crew`, auth, { crew }, from), { id });
    expect((await put([...CREW, { role: "reviewer", systemPrompt: "Review." }])).body.created).toBe(true);
    // The same crew again changes nothing and records nothing.
    expect((await put([...CREW, { role: "reviewer", systemPrompt: "Review." }])).body.created).toBe(false);
    const restored = await call(
      restoreVersion,
      apiRequest("POST", `/api/v1/workflows/${id}/versions/1/restore`, auth, undefined, from),
      { id, version: "1" },
    );
    expect(restored.status).toBe(201);
    const run = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${id}/runs`, auth, { input: "Read this." }, from),
      { id },
    );
    expect(run.status).toBe(202);
    const cancel = () =>
      call(cancelRun, apiRequest("POST", `/api/v1/runs/${run.body.id}/cancel`, auth, undefined, from), {
        id: run.body.id,
      });
    expect((await cancel()).body.status).toBe("cancelled");
    expect((await cancel()).status).toBe(409);

    const entries = await db.auditEntry.findMany({
      where: { workspaceId: owner.workspaceId },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.targetId, e.details])).toEqual([
      ["workflow_version.created", id, { version: 1, source: "user", newWorkflow: true }],
      ["workflow_version.created", id, { version: 2, source: "user" }],
      ["workflow_version.restored", id, { version: 3, source: "restore", restoredFrom: 1 }],
      ["run.started", run.body.id, { workflowId: id, triggeredBy: "token" }],
      ["run.cancelled", run.body.id, { status: "queued" }],
    ]);
    const token = await db.apiToken.findFirstOrThrow({ where: { workspaceId: owner.workspaceId } });
    for (const e of entries) {
      expect(e).toMatchObject({ actorType: "token", actorId: token.id, clientAddress: "203.0.113.20" });
    }
  });
});
