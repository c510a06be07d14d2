import { afterEach, describe, expect, it } from "vitest";
import { POST as acceptInvite } from "@/app/api/invites/[token]/route";
import { POST as signupRoute } from "@/app/api/signup/route";
import { GET as listInvites, POST as createInvite } from "@/app/api/v1/invites/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { GET as listWorkspaces, POST as createWorkspace } from "@/app/api/v1/workspaces/route";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { MAX_PENDING_INVITES } from "@/lib/members/schemas";
import { MAX_SYSTEM_PROMPT_CHARS } from "@/lib/workflows/schemas";
import { MAX_WORKSPACES_PER_USER } from "@/lib/workspaces/create-workspace";
import { apiRequest, call, fromClient, makeUser, uniqueEmail } from "../support/factory";

afterEach(() => {
  delete process.env.INVITES_PER_INVITER_PER_DAY;
  delete process.env.INVITES_PER_WORKSPACE_PER_DAY;
  resetEnv();
});

describe("limits", () => {
  it(`a user belongs to at most ${MAX_WORKSPACES_PER_USER} workspaces`, async () => {
    const u = await makeUser("lim-ws");
    const create = (name: string) =>
      call(createWorkspace, apiRequest("POST", "/api/v1/workspaces", { cookie: u.cookie }, { name }));
    // The personal workspace is the first; the last three places are raced by eight requests.
    for (let i = 1; i < MAX_WORKSPACES_PER_USER - 3; i++) expect((await create(`Team ${i}`)).status).toBe(201);
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`Racer ${i}`)));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(3);
    for (const over of racing.filter((r) => r.status !== 201)) {
      expect(over.status).toBe(400);
      expect(over.body.error.code).toBe("limit_reached");
    }
    const list = await call(listWorkspaces, apiRequest("GET", "/api/v1/workspaces", { cookie: u.cookie }));
    expect(list.body.data).toHaveLength(MAX_WORKSPACES_PER_USER);

    // Joining by invite counts too; the refused acceptance leaves the invite usable.
    const owner = await makeUser("lim-ws-owner");
    const invite = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: u.email }),
    );
    const token = invite.body.url.split("/invite/")[1];
    const join = await call(acceptInvite, apiRequest("POST", `/api/invites/${token}`, { cookie: u.cookie }), { token });
    expect(join.status).toBe(400);
    expect(join.body.error.code).toBe("limit_reached");
    expect(await db.membership.count({ where: { userId: u.userId } })).toBe(MAX_WORKSPACES_PER_USER);
    const stored = await db.invite.findFirstOrThrow({ where: { id: invite.body.id } });
    expect(stored.acceptedAt).toBeNull();
  });

  it(`a workspace has at most ${MAX_PENDING_INVITES} pending invites, also when invites race`, async () => {
    // The daily caps are a separate limit (tests/api/invite-limits.test.ts): out of the way here.
    process.env.INVITES_PER_INVITER_PER_DAY = "1000";
    process.env.INVITES_PER_WORKSPACE_PER_DAY = "1000";
    resetEnv();
    const owner = await makeUser("lim-inv");
    const invite = () =>
      call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: uniqueEmail("lim-guest") }),
      );
    for (let i = 0; i < MAX_PENDING_INVITES - 5; i++) expect((await invite()).status).toBe(201);
    // Twelve at once for the last five places.
    const racing = await Promise.all(Array.from({ length: 12 }, invite));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = racing.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 400 && r.body.error.code === "limit_reached")).toBe(true);
    expect(await db.invite.count({ where: { workspaceId: owner.workspaceId } })).toBe(MAX_PENDING_INVITES);
    const list = await call(listInvites, apiRequest("GET", "/api/v1/invites", { cookie: owner.cookie }));
    expect(list.body.data).toHaveLength(MAX_PENDING_INVITES);
  });

  it(`a system prompt over ${MAX_SYSTEM_PROMPT_CHARS} characters is refused, naming the agent's field`, async () => {
    const u = await makeUser("lim-prompt");
    const res = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "Long prompt", crew: [{ role: "writer", systemPrompt: "p".repeat(MAX_SYSTEM_PROMPT_CHARS + 1) }] },
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain("crew.0.systemPrompt");
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it(`a body over ${DEFAULT_MAX_BODY_BYTES} bytes is refused with 413 before it is parsed`, async () => {
    const u = await makeUser("lim-body");
    const body = JSON.stringify({ name: "Big", description: "d".repeat(DEFAULT_MAX_BODY_BYTES) });
    const res = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it("says a body's limit in kB, as the API docs do", async () => {
    const u = await makeUser("lim-kb");
    const body = JSON.stringify({ name: "Big", description: "d".repeat(3 * 1024 * 1024) });
    const res = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe("Request body is larger than 256 kB.");
  });

  it("field errors read as a person writes them, not as zod's defaults", async () => {
    const u = await makeUser("lim-words");
    const res = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { crew: [{ role: "w", systemPrompt: 7 }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid name: Name is required");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "name", message: "Name is required" },
        { field: "crew.0.systemPrompt", message: "System prompt must be text, not a number" },
      ]),
    );
  });

  it("sign-up refuses an oversized body with 413 and invalid JSON with 400", async () => {
    const email = uniqueEmail("lim-signup");
    const headers = fromClient(`10.9.${Math.floor(Math.random() * 250)}.1`);
    const big = await call(
      signupRoute,
      apiRequest("POST", "/api/signup", null, { email, password: "p".repeat(20_000), name: "n" }, headers),
    );
    expect(big.status).toBe(413);
    const bad = await call(signupRoute, apiRequest("POST", "/api/signup", null, "{not json", headers));
    expect(bad.status).toBe(400);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
