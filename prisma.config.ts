// Prisma CLI configuration: one file, two databases.
// DATABASE_URL set   → real PostgreSQL through @prisma/adapter-pg.
// DATABASE_URL unset → embedded PGlite in PGLITE_DIR (default .data/pglite).
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL;
const usePg = !!url;
// The CLI needs a syntactically valid postgresql:// URL even with an adapter, or it tries
// to download a native engine (STACK.md P7).
if (!usePg) process.env.DATABASE_URL = "postgresql://pglite@localhost:5432/pglite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    if (usePg) {
      const { createMigrationAdapter } = await import("./lib/db/migrate-pg");
      return createMigrationAdapter(url as string);
    }
    const { createPGliteMigrationAdapter } = await import("./lib/db/migrate-pglite");
    return createPGliteMigrationAdapter(process.env.PGLITE_DIR ?? path.resolve(".data/pglite"));
  },
});
