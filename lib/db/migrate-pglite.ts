// Migration-only PGlite adapter for the Prisma CLI (STACK.md P9, P10, P16).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteStartParams } from "./pglite";

function fix<T extends object>(adapter: T): T {
  // biome-ignore lint/suspicious/noExplicitAny: idem.
  const a = adapter as any;
  const client: PGlite = a.client;
  const executeRaw = a.executeRaw.bind(a);
  // Multi-statement scripts must go through the simple protocol.
  a.executeRaw = async (q: { sql: string; args: unknown[] }) => {
    if (q.args.length > 0) return executeRaw(q);
    try {
      return (await client.exec(q.sql)).at(-1)?.affectedRows ?? 0;
    } catch (e) {
      a.onError(e);
    }
  };
  a.executeScript = async (s: string) => {
    try {
      await client.exec(s);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

class PGliteForMigrations extends PrismaPGlite {
  override async connect() {
    return fix(await super.connect());
  }
  override async connectToShadowDb() {
    return fix(await super.connectToShadowDb());
  }
}

export function createPGliteMigrationAdapter(dataDir: string) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return new PGliteForMigrations(new PGlite({ dataDir, startParams: pgliteStartParams }));
}
