import { describe, expect, it } from "vitest";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { GET as getVersion } from "@/app/api/v1/workflows/[id]/versions/[version]/route";
import { versionResponseSchema } from "@/lib/workflows/response-schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createOk, triage } from "./helpers";

const get = (u: TestUser, id: string, version: string) =>
  call(getVersion, apiRequest("GET", `/api/v1/workflows/${id}/versions/${version}`, { token: u.token }), {
    id,
    version,
  });

describe("GET /api/v1/workflows/{id}/versions/{version}", () => {
  it("returns the graph of any version, marking the current one", async () => {
    const u = await makeUser("version-get");
    const body = triage("Reply billing or tech.");
    const id = await createOk(u, body);
    const next = {
      ...body.graph,
      nodes: [
        ...body.graph.nodes,
        { id: "reviewer", role: "reviewer", systemPrompt: "Review.", position: { x: 10, y: 20 } },
      ],
      edges: [
        ...body.graph.edges.filter((e) => e.from !== "billing"),
        { from: "billing", to: "reviewer" },
        { from: "reviewer", to: "END" },
      ],
    };
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: u.token }, { graph: next, note: "Add a reviewer" }),
      { id },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const v1 = await get(u, id, "1");
    expect(v1.status).toBe(200);
    expect(versionResponseSchema.safeParse(v1.body).success).toBe(true);
    expect(v1.body).toMatchObject({ version: 1, kind: "graph", crew: null, current: false });
    expect(v1.body.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["classify", "billing", "tech"]);
    const v2 = await get(u, id, "2");
    expect(v2.body).toMatchObject({ version: 2, current: true, note: "Add a reviewer", source: "user" });
    expect(v2.body.graph.nodes.at(-1)).toMatchObject({ id: "reviewer", position: { x: 10, y: 20 } });
    expect(versionResponseSchema.safeParse(v2.body).success).toBe(true);

    const missing = await get(u, id, "9");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Version/);
    const junk = await get(u, id, "two");
    expect(junk.status).toBe(400);
    expect(junk.body.error.details).toEqual([expect.objectContaining({ field: "version" })]);
  });

  it("answers 404 to another workspace", async () => {
    const owner = await makeUser("version-owner");
    const other = await makeUser("version-other");
    const id = await createOk(owner, triage("Reply billing or tech."));
    const res = await get(other, id, "1");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/Workflow/);
  });
});
