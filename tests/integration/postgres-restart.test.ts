// PostgreSQL restarts while the portal runs. The test starts its own server
// (scripts/pg-server.sh), points the portal's data layer at it (getDb() with DATABASE_URL,
// i.e. the pool of lib/db/pool.ts), stops the server and starts it again:
//  - during the outage, reads and the health check fail quickly and cleanly (a French
//    "réessayez" for the user, 503 for the health check), and the idle connections that
//    the shutdown killed are logged, not a crash of the process;
//  - once the server is back, the same client works again, without restarting anything.
// Run with the PostgreSQL integration tests (scripts/test.sh installs the server).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { actionErrorState } from "@/lib/actions";
import { closeDb, getDb } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { applyMigrations } from "@/lib/db/migrations";
import { CONNECT_TIMEOUT_MS } from "@/lib/db/pool";
import { resetEnvCache } from "@/lib/env";
import { listOrders } from "@/lib/orders/queries";
import { onPostgres } from "../support/db";
import { makeCast } from "../support/factories";

const script = path.join(process.cwd(), "scripts", "pg-server.sh");
const pgServer = (...args: string[]) => execFileSync("bash", [script, ...args], { encoding: "utf8" }).trim();

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe.skipIf(!onPostgres)("PostgreSQL restarts while the portal runs", () => {
  let dir: string;
  let port: number;
  const savedUrl = process.env.DATABASE_URL;
  let cast: Awaited<ReturnType<typeof makeCast>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "commandes-restart-"));
    port = await freePort();
    const admin = pgServer("start", dir, String(port));
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await applyMigrations(client);
    await client.end();
    process.env.DATABASE_URL = admin;
    resetEnvCache();
    await closeDb();
    cast = await makeCast(await getDb());
  });

  afterAll(async () => {
    await closeDb().catch(() => {});
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    resetEnvCache();
    if (dir) {
      pgServer("stop", dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const read = () =>
    listOrders({ actor: cast.beneficiaryA, page: 1, filters: { q: null, sort: "createdAt", dir: "desc" } });

  it("fails cleanly during the outage and works again afterwards, with the same client", async () => {
    const client = await getDb();
    expect((await read()).total).toBe(0);
    expect((await health()).status).toBe(200);

    const lines: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((s) => lines.push(String(s)) > 0);
    try {
      pgServer("stop", dir);

      // The connections the pool kept open were closed by the shutdown: logged, no crash.
      await vi.waitFor(() => expect(lines.join("")).toContain('"event":"db.idle_connection_lost"'), {
        timeout: 5_000,
      });

      const started = Date.now();
      const error = await read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(actionErrorState(error, "req-restart-1")).toMatchObject({
        status: "error",
        message: expect.stringMatching(/momentanément indisponible.*Réessayez/),
      });
      const down = await health();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "indisponible" });
    } finally {
      stdout.mockRestore();
    }

    pgServer("start", dir, String(port));
    expect(await getDb()).toBe(client);
    expect((await read()).total).toBe(0);
    expect((await health()).status).toBe(200);
  });
});
