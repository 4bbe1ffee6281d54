// Embedded database for the demo and local development: one PGlite data directory,
// opened by one process at a time (STACK.md P17), migrated and seeded on first run.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations } from "./migrations";
import { pgliteStartParams } from "./pglite";

export async function openPglite(dataDir: string) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new PGlite({ dataDir, startParams: pgliteStartParams });
  await pg.waitReady;
  await applyMigrations(pg);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  const { seedIfEmpty } = await import("@/prisma/seed/demo");
  await seedIfEmpty(client);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.$disconnect();
    await pg.close();
  };
  // Never leave the data directory half-written: close cleanly on shutdown.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      close().finally(() => process.exit(0));
    });
  }
  return { ready: Promise.resolve(client), close };
}
