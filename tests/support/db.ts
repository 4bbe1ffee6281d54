// Throwaway databases for integration tests, with the real migrations.
// - Default: an in-memory PGlite (PostgreSQL 18), migrated by lib/db/migrations.ts.
// - TEST_DATABASE_URL set (scripts/test.sh starts a real PostgreSQL server): a fresh
//   database cloned from the template that `prisma migrate deploy` prepared.
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { setDbForTests } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { pgliteStartParams } from "@/lib/db/pglite";

export type TestDb = {
  db: PrismaClient;
  kind: "pglite" | "postgresql";
  /** Connection URL of the database (PostgreSQL only), e.g. for raw SQL from another connection. */
  url: string | null;
  close: () => Promise<void>;
};

export const TEMPLATE_DB = "commandes_template";
export const onPostgres = !!process.env.TEST_DATABASE_URL;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh, migrated database and makes the data layer use it. */
export async function createTestDb(): Promise<TestDb> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) });
    setDbForTests(db);
    return {
      db,
      kind: "postgresql",
      url,
      close: async () => {
        // A mail delivery started in the background by the last test may still hold a
        // connection: the pool is given a few seconds, then the database is dropped anyway
        // (FORCE ends whatever is left), so a slow machine never hangs the suite.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          db.$disconnect(),
          new Promise((resolve) => {
            timer = setTimeout(resolve, 15_000);
          }),
        ]);
        clearTimeout(timer);
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const pgl = new PGlite({ startParams: pgliteStartParams });
  await applyMigrations(pgl);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pgl) });
  setDbForTests(db);
  return {
    db,
    kind: "pglite",
    url: null,
    close: async () => {
      await db.$disconnect();
      await pgl.close();
    },
  };
}
