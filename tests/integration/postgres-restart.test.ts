// PostgreSQL restarts while the portal runs. The test starts its own server
// (scripts/pg-server.sh), points the portal's data layer at it (getDb() with DATABASE_URL,
// i.e. the pool of lib/db/pool.ts), stops the server and starts it again:
//  - during the outage, reads and the health check fail quickly and cleanly (a French
//    "réessayez" for the user, 503 for the health check), and the idle connections that
//    the shutdown killed are logged, not a crash of the process;
//  - once the server is back, the same client works again, without restarting anything.
// At the HTTP level, a real route handler (the order PDF download, its session read from
// the database as on every request) answers 200 before, a French 503 "réessayez" with the
// request id during the outage (no PDF, nothing half-sent), and 200 again afterwards.
// Run with the PostgreSQL integration tests (scripts/test.sh installs the server).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as orderPdf } from "@/app/(espace)/commandes/[id]/pdf/route";
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
import { insertOrder } from "../support/orders";

// The session cookie is what a route handler cannot get outside Next: the session id is
// given here, and the session row and the person's rights are read from the database as in
// production (lib/auth/session.ts#getSessionState).
const session = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("@/lib/auth/session", async () => {
  const { resolveSession } = await import("@/lib/auth/queries");
  const getSessionState = async () =>
    session.sid ? resolveSession({ sid: session.sid, idleMinutes: 120 }) : { kind: "anonymous" as const };
  return {
    getSessionState,
    getActor: async () => {
      const state = await getSessionState();
      return state.kind === "signed-in" ? state.actor : null;
    },
  };
});

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
  let orderId: string;

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
    const db = await getDb();
    cast = await makeCast(db);
    session.sid = `restart-${Date.now()}`;
    await db.userSession.create({
      data: {
        id: session.sid,
        userId: cast.beneficiaryA.userId,
        activeMembershipId: cast.beneficiaryA.membership.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const product = await db.product.create({
      data: { name: "Produit A", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
    });
    orderId = (
      await insertOrder(db, {
        agreementId: cast.agreement.id,
        beneficiaryId: cast.orgs.benA.id,
        productId: product.id,
        contractorId: cast.orgs.conX.id,
        createdById: cast.beneficiaryA.userId,
        status: "ISSUED",
        committedHtCents: 0n,
        lines: [
          {
            uoTypeId: cast.agreement.uoTypes[0]?.id as string,
            quantity: "1",
            unitPriceHtCents: 1_000_000,
            amountHtCents: 1_000_000n,
          },
        ],
      })
    ).id;
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
  const download = (requestId: string) =>
    orderPdf(
      new Request(`http://localhost/commandes/${orderId}/pdf`, { headers: { "x-request-id": requestId } }),
      {
        params: Promise.resolve({ id: orderId }),
      },
    );
  const expectPdf = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  };

  it("fails cleanly during the outage and works again afterwards, with the same client", async () => {
    const client = await getDb();
    expect((await read()).total).toBe(1);
    expect((await health()).status).toBe(200);
    await expectPdf(await download("req-restart-before"));

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

      // A download during the outage: a French 503 to retry, with the id the log carries.
      const refused = await download("req-restart-down");
      expect(refused.status).toBe(503);
      expect(refused.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(refused.headers.get("content-disposition")).toBeNull();
      const text = await refused.text();
      expect(text).toMatch(/momentanément indisponible.*Réessayez/s);
      expect(text).toContain("req-restart-down");
      expect(text).not.toContain("%PDF");
      expect(lines.join("")).toMatch(
        /"event":"order_pdf\.failed\.database_unavailable","requestId":"req-restart-down"/,
      );
    } finally {
      stdout.mockRestore();
    }

    pgServer("start", dir, String(port));
    expect(await getDb()).toBe(client);
    expect((await read()).total).toBe(1);
    expect((await health()).status).toBe(200);
    await expectPdf(await download("req-restart-after"));
  });
});
