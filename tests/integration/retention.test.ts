// The retention job (security issue 6): technical access logs and ended sessions older than
// ACCESS_LOG_RETENTION_MONTHS (12 by default) are purged; recent ones stay; orders, activity
// reports, service-fait records, invoices and the audit trail are never touched, even when
// they are far older than the cutoff. Runs on the demo data (every business table filled).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { subDays, subMonths } from "date-fns";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/chain";
import { resetEnvCache } from "@/lib/env";
import { runRetention } from "@/lib/retention/job";
import { seedIfEmpty } from "@/prisma/seed/demo";
import { createTestDb, onPostgres, type TestDb } from "../support/db";

let t: TestDb;
let userId: string;

beforeAll(async () => {
  t = await createTestDb();
  expect(await seedIfEmpty(t.db)).toBe(true);
  userId = (await t.db.user.findFirstOrThrow({ select: { id: true } })).id;
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

/** The tables the job may purge; every other table must come out of it unchanged. */
const PURGEABLE = new Set(["AccessLog", "UserSession", "_prisma_migrations"]);

/** One digest per table: md5 of its rows' text, in a stable order. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await t.db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (PURGEABLE.has(name)) continue;
    const [row] = await t.db.$queryRawUnsafe<Array<{ n: number; digest: string | null }>>(
      `SELECT count(*)::int AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS digest
         FROM "${name}" x`,
    );
    out[name] = `${row?.n}:${row?.digest}`;
  }
  return out;
}

async function accessLog(path: string, occurredAt: Date) {
  return t.db.accessLog.create({
    data: { occurredAt, method: "GET", path, userId, status: 200, durationMs: 12, ipPrefix: "192.0.2.0" },
  });
}

async function session(ended: { expiresAt: Date; revokedAt?: Date }) {
  return t.db.userSession.create({
    data: {
      id: randomUUID(),
      userId,
      createdAt: subDays(ended.expiresAt, 1),
      lastSeenAt: subDays(ended.expiresAt, 1),
      expiresAt: ended.expiresAt,
      revokedAt: ended.revokedAt ?? null,
    },
  });
}

const paths = async () =>
  (await t.db.accessLog.findMany({ orderBy: { path: "asc" }, select: { path: true } })).map((r) => r.path);

describe(`retention job (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("the demo data fills the business tables the job must never touch", async () => {
    const counts = await Promise.all([
      t.db.purchaseOrder.count(),
      t.db.activityReport.count(),
      t.db.serviceFait.count(),
      t.db.invoice.count(),
      t.db.auditEvent.count(),
    ]);
    for (const n of counts) expect(n).toBeGreaterThan(0);
  });

  it("purges access logs and ended sessions older than 12 months by default, keeps the recent ones", async () => {
    const now = new Date();
    await accessLog("/tres-ancien", subMonths(now, 30));
    await accessLog("/ancien", subDays(subMonths(now, 12), 1));
    await accessLog("/presque-ancien", subDays(subMonths(now, 12), -1));
    await accessLog("/recent", subDays(now, 1));
    const oldExpired = await session({ expiresAt: subMonths(now, 13) });
    const oldRevoked = await session({ expiresAt: subMonths(now, 11), revokedAt: subMonths(now, 13) });
    const recent = await session({ expiresAt: subMonths(now, 2) });
    vi.stubEnv("ACCESS_LOG_RETENTION_MONTHS", undefined);
    resetEnvCache();
    const auditBefore = await t.db.auditEvent.count();

    const report = await runRetention({ now });

    expect(report).toMatchObject({ months: 12, accessLogs: 2, sessions: 2 });
    expect(await paths()).toEqual(["/presque-ancien", "/recent"]);
    const left = await t.db.userSession.findMany({
      where: { id: { in: [oldExpired.id, oldRevoked.id, recent.id] } },
      select: { id: true },
    });
    expect(left.map((s) => s.id)).toEqual([recent.id]);
    // The purge itself is audited, once.
    const events = await t.db.auditEvent.findMany({ where: { action: "retention.purge" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ months: 12, accessLogs: 2, sessions: 2 });
    expect(await t.db.auditEvent.count()).toBe(auditBefore + 1);
    // Run again: nothing left to purge, nothing audited.
    expect(await runRetention({ now })).toMatchObject({ accessLogs: 0, sessions: 0 });
    expect(await t.db.auditEvent.count()).toBe(auditBefore + 1);
  });

  it("reads the period from ACCESS_LOG_RETENTION_MONTHS", async () => {
    const now = new Date();
    await accessLog("/quatre-mois", subMonths(now, 4));
    await accessLog("/deux-mois", subMonths(now, 2));
    vi.stubEnv("ACCESS_LOG_RETENTION_MONTHS", "3");
    resetEnvCache();
    const report = await runRetention({ now });
    expect(report.months).toBe(3);
    expect(await paths()).not.toContain("/quatre-mois");
    expect(await paths()).toContain("/deux-mois");
  });

  it("never touches orders, reports, service fait, invoices nor the audit trail, however old", async () => {
    const before = await fingerprint();
    await accessLog("/hier", subDays(new Date(), 1));
    // Ten years from now, every row of the database is older than the cutoff.
    const report = await runRetention({ now: new Date(Date.now() + 10 * 365 * 86_400_000), months: 1 });
    expect(report.accessLogs).toBeGreaterThan(0);
    expect(await t.db.accessLog.count()).toBe(0);

    const after = await fingerprint();
    // The audit trail only gained the purge's own event; every earlier event is intact.
    const { AuditEvent: auditBefore, ...businessBefore } = before;
    const { AuditEvent: auditAfter, ...businessAfter } = after;
    expect(businessAfter).toEqual(businessBefore);
    expect(Number(auditAfter?.split(":")[0])).toBe(Number(auditBefore?.split(":")[0]) + 1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    for (const table of ["PurchaseOrder", "ActivityReport", "ServiceFait", "Invoice"]) {
      expect(Object.keys(businessAfter)).toContain(table);
    }
  });

  it.runIf(onPostgres)("`npm run retention` purges on the configured database", async () => {
    await accessLog("/cli-ancien", subMonths(new Date(), 14));
    await accessLog("/cli-recent", subDays(new Date(), 2));
    const { stdout } = await promisify(execFile)(
      path.resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/retention.ts"],
      { env: { ...process.env, DATABASE_URL: t.url as string, NODE_ENV: "test" } },
    );
    expect(stdout).toMatch(/Conservation de 12 mois .* : 1 lignes du journal d'accès/);
    expect(await paths()).toContain("/cli-recent");
    expect(await paths()).not.toContain("/cli-ancien");
  });
});
