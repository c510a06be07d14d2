import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const THIS_ONE = readdirSync(MIGRATIONS).find((name) => name.endsWith("_webhook_scheme_and_deliveries"))!;
const sql = (name: string) => readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");

const scratch = `loopllama_scheme_${randomBytes(4).toString("hex")}`;
const adminUrl = process.env.DATABASE_URL!;
const scratchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  return url.toString();
})();
let client: pg.Client;

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE "${scratch}"`);
  client = new pg.Client({ connectionString: scratchUrl });
  await client.connect();
  // The database as it was before Standard Webhooks.
  const earlier = readdirSync(MIGRATIONS)
    .filter((name) => !name.includes(".") && name < THIS_ONE)
    .sort();
  for (const name of earlier) await client.query(sql(name));
});

afterAll(async () => {
  await client?.end();
  await admin(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
});

describe("the webhook scheme migration", () => {
  it("keeps existing hooks on the legacy scheme; types without a hook (and new ones) get Standard Webhooks", async () => {
    await client.query(`INSERT INTO "Workspace" ("id", "name", "slug", "updatedAt") VALUES ('ws', 'W', 'w', now())`);
    await client.query(
      `INSERT INTO "EventType" ("id", "workspaceId", "name", "fields", "webhookId", "webhookSecret", "updatedAt")
       VALUES ('hooked', 'ws', 'Alert', '{}', 'hk_old', 'encrypted', now()),
              ('plain', 'ws', 'Other', '{}', NULL, NULL, now())`,
    );
    await client.query(sql(THIS_ONE));
    const rows = await client.query<{ id: string; webhookScheme: string }>(
      `SELECT "id", "webhookScheme" FROM "EventType" ORDER BY "id"`,
    );
    expect(rows.rows).toEqual([
      { id: "hooked", webhookScheme: "legacy" },
      { id: "plain", webhookScheme: "standard" },
    ]);
    await client.query(
      `INSERT INTO "EventType" ("id", "workspaceId", "name", "fields", "updatedAt") VALUES ('new', 'ws', 'New', '{}', now())`,
    );
    const fresh = await client.query(`SELECT "webhookScheme" FROM "EventType" WHERE "id" = 'new'`);
    expect(fresh.rows[0].webhookScheme).toBe("standard");
  });
});
