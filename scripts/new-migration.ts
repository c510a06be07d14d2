/**
 * Writes a new migration from the difference between the last committed
 * prisma/schema.prisma (or nothing, for the first one) and the working copy,
 * with `prisma migrate diff`. The JavaScript schema engine needs a live
 * connection even for a file-to-file diff, so a scratch database is started.
 * Usage: npm run db:migration -- <snake_case_name>
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalDatabase } from "../lib/db/embedded-postgres";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: db:migration <snake_case_name>");
  const db = await startLocalDatabase({
    dataDir: path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 5488),
    database: "loopllama_migration_scratch",
    fresh: true,
  });
  try {
    let from = ["--from-empty"];
    try {
      const previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      const file = path.join(tmpdir(), `loopllama-previous-${process.pid}.prisma`);
      writeFileSync(file, previous);
      from = ["--from-schema-datamodel", file];
    } catch {
      // No committed schema yet: diff from an empty database.
    }
    const sql = execFileSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { env: { ...process.env, DATABASE_URL: db.url }, encoding: "utf8" },
    );
    if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
      console.log("schema.prisma matches the migrations: nothing to write");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${dir}/migration.sql`);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
