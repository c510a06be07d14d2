import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { POST as sensorRoute } from "@/app/api/hooks/sensors/[workspace]/[path]/route";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { listProjectSensors } from "@/lib/events/list-project-sensors";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

/* A project's webhook sensors, hosted: signed the sending service's way, mapped to their event. */

const SECRET = "sentry-client-secret-value";
let user: TestUser;
let slug: string;

function project(credentialId: string): ProjectFiles {
  return {
    "registry.yml": `events:
  Incident: { fields: { source: enum[sentry, linear, datadog], issue_id: id, title: str, link: url } }
`,
    "workflows/triage/investigate.md": "---\non: Incident\n---\n\nInvestigate {{ event.title }}.\n",
    "sensors/sentry.yml": `webhook: { path: sentry, verify: sentry, secret: ${credentialId} }
emits: Incident
map:
  source: sentry
  issue_id: "{{ payload.data.issue.id }}"
  title: "Sentry: {{ payload.data.issue.title }}"
  link: "{{ payload.data.issue.web_url }}"
`,
    "sensors/github.yml": `webhook: { verify: github, secret: ${credentialId} }
emits: Incident
map: { source: linear, issue_id: "{{ payload.issue.number }}", title: "{{ payload.issue.title }}", link: "{{ payload.issue.html_url }}" }
`,
  };
}

const PAYLOAD = JSON.stringify({
  data: { issue: { id: 4242, title: "Checkout times out", web_url: "https://sentry.example.com/4242" } },
});
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

function deliver(workspace: string, path: string, body: string, headers: Record<string, string>) {
  return call(
    sensorRoute,
    new Request(`http://localhost/api/hooks/sensors/${workspace}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    { workspace, path },
  );
}

beforeAll(async () => {
  user = await makeUser("sensor-hooks");
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId }, select: { slug: true } })).slug;
  const cred = await createCredential(
    scopeFor(user.workspaceId),
    { type: "system", id: null },
    {
      name: "sentry",
      kind: "http",
      secret: SECRET,
      hosts: ["sentry.io"],
      createdById: null,
    },
  );
  const pushed = await call(
    importRoute,
    apiRequest("POST", "/api/v1/projects/import", { token: user.token }, { files: project(cred.id) }),
  );
  expect(pushed.status).toBe(200);
  expect(pushed.body.sensors).toEqual([
    { name: "github", kind: "webhook" },
    { name: "sentry", kind: "webhook" },
  ]);
});

describe("a webhook sensor", () => {
  it("takes a delivery Sentry signed, maps the payload to the event and starts its workflow", async () => {
    const res = await deliver(slug, "sentry", PAYLOAD, { "sentry-hook-signature": sign(PAYLOAD), "request-id": "r-1" });
    expect(res.status).toBe(202);
    expect(res.body.event).toMatchObject({
      name: "Incident",
      source: "webhook",
      data: {
        source: "sentry",
        issue_id: "4242",
        title: "Sentry: Checkout times out",
        link: "https://sentry.example.com/4242",
      },
    });
    expect(res.body.runs.map((r: { workflowName: string }) => r.workflowName)).toEqual(["triage"]);
    // Sentry's redelivery of the same request starts nothing new.
    const again = await deliver(slug, "sentry", PAYLOAD, {
      "sentry-hook-signature": sign(PAYLOAD),
      "request-id": "r-1",
    });
    expect(again.body.event.id).toBe(res.body.event.id);
    expect(await db.run.count({ where: { workspaceId: user.workspaceId } })).toBe(1);
  });

  it("checks GitHub's sha256= signature, at the path its file name gives", async () => {
    const body = JSON.stringify({
      issue: { number: 7, title: "Flaky test", html_url: "https://github.com/a/b/issues/7" },
    });
    const res = await deliver(slug, "github", body, { "x-hub-signature-256": `sha256=${sign(body)}` });
    expect(res.status).toBe(202);
    expect(res.body.event.data).toMatchObject({ issue_id: "7", title: "Flaky test" });
  });

  it("refuses a delivery signed with another secret, or not signed, with 401", async () => {
    expect((await deliver(slug, "sentry", PAYLOAD, { "sentry-hook-signature": sign(PAYLOAD, "other") })).status).toBe(
      401,
    );
    expect((await deliver(slug, "sentry", PAYLOAD, {})).status).toBe(401);
    expect((await deliver(slug, "github", PAYLOAD, { "x-hub-signature-256": sign(PAYLOAD) })).status).toBe(401);
  });

  it("answers 400 naming the field when the mapped payload does not fit the event", async () => {
    const body = JSON.stringify({ data: { issue: { id: 1, title: "x", web_url: "not a url" } } });
    const res = await deliver(slug, "sentry", body, { "sentry-hook-signature": sign(body) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain("data.link");
  });

  it("is 404 for an unknown path, an unknown workspace, and another workspace's sensor", async () => {
    expect((await deliver(slug, "nope", PAYLOAD, {})).status).toBe(404);
    expect((await deliver("no-such-workspace", "sentry", PAYLOAD, {})).status).toBe(404);
    const other = await makeUser("sensor-hooks-other");
    const otherSlug = (
      await db.workspace.findUniqueOrThrow({ where: { id: other.workspaceId }, select: { slug: true } })
    ).slug;
    // The other workspace has no sensors: A's sentry path is not reachable through it, signed or not.
    const res = await deliver(otherSlug, "sentry", PAYLOAD, { "sentry-hook-signature": sign(PAYLOAD) });
    expect(res.status).toBe(404);
  });

  it("is listed for the Events page with the URL to give the sending service; another workspace lists none", async () => {
    const listed = await listProjectSensors(scopeFor(user.workspaceId), slug);
    expect(listed).toEqual([
      {
        name: "github",
        kind: "webhook",
        emits: "Incident",
        detail: "signed the github way",
        url: `http://localhost:3000/api/hooks/sensors/${slug}/github`,
        poll: null,
      },
      {
        name: "sentry",
        kind: "webhook",
        emits: "Incident",
        detail: "signed the sentry way",
        url: `http://localhost:3000/api/hooks/sensors/${slug}/sentry`,
        poll: null,
      },
    ]);
    const other = await makeUser("sensor-hooks-list");
    expect(await listProjectSensors(scopeFor(other.workspaceId), "x")).toEqual([]);
  });
});
