import { describe, expect, it } from "vitest";
import { setPlan } from "../support/billing";
import { apiRequest, makeUser } from "../support/factory";
import { routeFiles } from "../support/route-files";

const BURST = 40;

/**
 * A burst of concurrent reads on every operation that needs no id (the lists,
 * the workspace, the audit log, usage): each answers 200, or 429/503
 * with Retry-After when it sheds load. Never a 500, never a hang. Admin-only
 * reads are made with an owner's session, the rest with a token.
 */
describe("a burst on every read without parameters", () => {
  it(`${BURST} concurrent requests to each: 200, or 429/503 with Retry-After`, async () => {
    const u = await makeUser("burst-ops");
    await setPlan(u.workspaceId, "team");
    const reads = (await routeFiles()).flatMap((file) =>
      file.methods.flatMap((m) =>
        m.operation &&
        m.operation.method === "get" &&
        m.operation.auth !== false &&
        !file.path.includes("{") &&
        // A read with a required query parameter (memories need a userId) is not one of these.
        m.operation.query?.safeParse({}).success !== false
          ? [{ path: file.path, handler: m.handler, operation: m.operation }]
          : [],
      ),
    );
    expect(reads.length).toBeGreaterThan(15);
    const seen: string[] = [];
    for (const read of reads) {
      const answers = await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          // Alternate token and session: some reads are for admins, whom a token never stands for.
          const auth = i % 2 === 0 ? { token: u.token } : { cookie: u.cookie, workspace: u.workspaceId };
          const res = await read.handler(apiRequest("GET", read.path, auth), {
            params: Promise.resolve({}),
          });
          if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
          else await res.arrayBuffer();
          return { status: res.status, retryAfter: res.headers.get("retry-after"), byToken: i % 2 === 0 };
        }),
      );
      for (const a of answers) {
        const label = `${read.operation.operationId} ${read.path} → ${a.status}`;
        if (a.status === 429 || a.status === 503) expect(a.retryAfter, label).toMatch(/^\d+$/);
        else if (a.status === 403) expect(a.byToken, `${label}: only a token may be refused an admin read`).toBe(true);
        else expect(a.status, label).toBe(200);
      }
      seen.push(`${read.operation.operationId}: ${answers.filter((a) => a.status === 200).length}×200`);
    }
    console.log(seen.join(", "));
  }, 300_000);
});
