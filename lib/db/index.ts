// The only module that creates the Prisma client. The client is created lazily, on first
// use, never at import time (STACK.md P19): `next build` must not boot a database.
//
// DATABASE_URL set   → PostgreSQL through @prisma/adapter-pg, on the pool of ./pool.ts
//                      (bounded waits, lost connections dropped and replaced).
// DATABASE_URL unset → embedded PGlite in PGLITE_DIR (default .data/pglite), migrated and
//                      filled with demo data on first run.
import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { serverEnv } from "@/lib/env";

export type Db = PrismaClient;

type Holder = { ready: Promise<PrismaClient>; close: () => Promise<void> };
const g = globalThis as unknown as { __commandesDb?: Holder };

async function createPgClient(url: string): Promise<Holder> {
  const { createPgAdapter } = await import("./pool");
  const client = new PrismaClient({
    adapter: createPgAdapter({ connectionString: url, max: serverEnv().DATABASE_POOL_SIZE }),
  });
  return { ready: Promise.resolve(client), close: () => client.$disconnect() };
}

async function createPgliteClient(dataDir: string): Promise<Holder> {
  const { openPglite } = await import("./pglite-runtime");
  return openPglite(dataDir);
}

/** The application's database client, ready to use (migrated, and seeded for the demo). */
export async function getDb(): Promise<PrismaClient> {
  if (!g.__commandesDb) {
    const env = serverEnv();
    const holder = env.DATABASE_URL ? createPgClient(env.DATABASE_URL) : createPgliteClient(env.PGLITE_DIR);
    const ready = holder.then((h) => h.ready);
    g.__commandesDb = {
      ready,
      close: async () => (await holder).close(),
    };
    // A failed start must not stay cached: the next request tries again.
    ready.catch(() => {
      g.__commandesDb = undefined;
    });
  }
  return g.__commandesDb.ready;
}

export async function closeDb() {
  const h = g.__commandesDb;
  g.__commandesDb = undefined;
  if (h) await h.close();
}

/**
 * Tests only: make getDb() return this client (a throwaway PGlite or PostgreSQL database
 * prepared by tests/support/db.ts), so the data layer is exercised exactly as in production.
 */
export function setDbForTests(client: PrismaClient) {
  g.__commandesDb = { ready: Promise.resolve(client), close: () => client.$disconnect() };
}
