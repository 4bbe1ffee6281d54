// Applies prisma/migrations/*/migration.sql in order and records them in the same
// `_prisma_migrations` table the Prisma CLI uses (same checksum), so a database migrated
// here is seen as up to date by `prisma migrate deploy` and vice versa.
// Used to prepare the embedded database at first run and throwaway test databases,
// where the Prisma CLI would cost 10–15 s per run (STACK.md P14).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The minimal surface shared by PGlite and a pg.Client. */
export type SqlRunner = {
  exec?: (sql: string) => Promise<unknown>;
  query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
};

// Read at run time from the checkout (not bundled): the ignore comment stops Turbopack from
// tracing the whole project because of this dynamic path.
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

export function listMigrations(dir = MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function run(db: SqlRunner, sql: string) {
  // PGlite's exec() and pg's parameterless query() both run multi-statement scripts.
  if (db.exec) await db.exec(sql);
  else await db.query(sql);
}

/** Returns the names of the migrations applied by this call. */
export async function applyMigrations(db: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  await run(
    db,
    `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`,
  );
  const { rows } = await db.query(
    `SELECT "migration_name", "checksum" FROM "_prisma_migrations"
      WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const applied = new Map(
    (rows as Array<{ migration_name: string; checksum: string }>).map((r) => [r.migration_name, r.checksum]),
  );
  const done: string[] = [];
  for (const m of listMigrations(dir)) {
    const known = applied.get(m.name);
    if (known) {
      if (known !== m.checksum) {
        throw new Error(`La migration ${m.name} a été modifiée après avoir été appliquée.`);
      }
      continue;
    }
    await run(db, `BEGIN;\n${m.sql}\n;COMMIT;`);
    await db.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count")
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), m.checksum, m.name],
    );
    done.push(m.name);
  }
  return done;
}
