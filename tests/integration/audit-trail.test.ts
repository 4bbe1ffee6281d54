// The audit trail is tamper-evident (security issue 6). The database seals every event into
// a hash chain at commit; `npm run audit:verify` (lib/audit/chain.ts) recomputes it and
// names the first broken event. Here a superuser — who can switch the triggers off — edits,
// deletes and inserts events, and the check must catch each one. Also: the audit event of a
// change is written in the change's own transaction, and concurrent transactions extend the
// chain without forking it. Runs on PGlite and on PostgreSQL (where commits really race).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatChainReport,
  GENESIS_HASH,
  readChainHead,
  sha256Hex,
  verifyAuditChain,
} from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/mutations";
import { auditingRefusals } from "@/lib/audit/refusals";
import { pgErrorOf } from "@/lib/db/errors";
import { createProduct, updateProduct } from "@/lib/products/mutations";
import { createProductSchema, updateProductSchema } from "@/lib/products/schemas";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** Runs SQL as the superuser with every trigger off (the attacker this chain is for). */
async function asSuperuser(sql: string, ...params: unknown[]) {
  await t.db.$transaction([
    t.db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
    t.db.$executeRawUnsafe(sql, ...params),
  ]);
}

/** The event at position `seq`, whole, as JSON (to put it back exactly as it was). */
async function snapshot(seq: bigint): Promise<{ id: bigint; json: string }> {
  const [row] = await t.db.$queryRawUnsafe<Array<{ id: bigint; json: string }>>(
    `SELECT "id", to_json(e)::text AS json FROM "AuditEvent" e WHERE "seq" = $1`,
    seq,
  );
  if (!row) throw new Error(`no event n° ${seq}`);
  return row;
}
async function restore(s: { id: bigint; json: string }) {
  await asSuperuser(`DELETE FROM "AuditEvent" WHERE "id" = $1`, s.id);
  await asSuperuser(
    `INSERT INTO "AuditEvent" SELECT * FROM json_populate_record(NULL::"AuditEvent", $1::json)`,
    s.json,
  );
}

async function newProduct(name: string) {
  return createProduct({
    actor: cast.beneficiaryA,
    input: createProductSchema.parse({ name, kind: "STARTUP_ETAT" }),
  });
}

async function renameProduct(id: string, name: string, actor = cast.beneficiaryA) {
  const p = await t.db.product.findUniqueOrThrow({ where: { id } });
  await updateProduct({
    actor,
    input: updateProductSchema.parse({ id, version: String(p.version), name, kind: "STARTUP_ETAT" }),
  });
}

describe(`tamper-evident audit trail (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("seals every event, whoever writes it, into one gapless chain that the check accepts", async () => {
    const { id } = await newProduct("Produit chaîné");
    await renameProduct(id, "Produit chaîné (renommé)");
    // A refused access (its own transaction) and two events in one transaction.
    await auditingRefusals(cast.beneficiaryB, { operation: "updateProduct", entityId: id }, () =>
      renameProduct(id, "Produit pris par un autre ministère", cast.beneficiaryB),
    ).catch(() => undefined);
    await t.db.$transaction(async (tx) => {
      await recordAudit(tx, cast.dinum, { action: "test.first", entityType: "Test", entityId: "1" });
      await recordAudit(tx, cast.dinum, { action: "test.second", entityType: "Test", entityId: "2" });
    });
    // A writer that bypasses the application (seeds, psql) is sealed too.
    await t.db.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("action", "entityType", "entityId", "after") VALUES ('bulk.load', 'Test', '3', '{"b": 1, "a": [1, 2.50]}')`,
    );

    const events = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBeGreaterThanOrEqual(7);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => BigInt(i + 1)));
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(events.map((e) => e.action)).toContain("access.refused");

    const report = await verifyAuditChain(t.db, { batchSize: 3 });
    expect(report).toEqual({
      ok: true,
      verified: events.length,
      head: { seq: BigInt(events.length), hash: events.at(-1)?.hash },
    });
    expect(formatChainReport(report)).toMatch(
      new RegExp(`^Journal d'audit intègre : ${events.length} événements vérifiés\\.`),
    );
  });

  it("ignores chain fields sent by a writer and refuses to change them afterwards", async () => {
    const head = await readChainHead(t.db);
    const forged = await t.db.auditEvent.create({
      data: {
        action: "test.forged",
        entityType: "Test",
        entityId: "4",
        seq: 1n,
        prevHash: "0",
        hash: "f".repeat(64),
      },
    });
    const stored = await t.db.auditEvent.findUniqueOrThrow({ where: { id: forged.id } });
    expect(stored.seq).toBe((head?.seq ?? 0n) + 1n);
    expect(stored.prevHash).toBe(head?.hash);
    expect(stored.hash).not.toBe("f".repeat(64));
    const refused = await t.db
      .$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = $1 WHERE "id" = $2`, "0".repeat(64), forged.id)
      .then(() => "accepted")
      .catch((e) => pgErrorOf(e)?.message ?? String(e));
    expect(refused).toMatch(/append-only/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("names the event whose content a superuser changed", async () => {
    const target = await t.db.auditEvent.findFirstOrThrow({ where: { action: "product.update" } });
    const seq = target.seq as bigint;
    const saved = await snapshot(seq);
    await asSuperuser(
      `UPDATE "AuditEvent" SET "after" = '{"name": "Produit falsifié"}' WHERE "id" = $1`,
      target.id,
    );

    const report = await verifyAuditChain(t.db, { batchSize: 2 });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.broken).toMatchObject({ seq, id: target.id });
    expect(report.broken.reason).toMatch(/modifié après son enregistrement/);
    expect(report.verified).toBe(Number(seq) - 1);
    expect(formatChainReport(report)).toContain(`premier événement en défaut : n° ${seq} (id ${target.id})`);

    await restore(saved);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("names the next event when the changed one had its own hash recomputed", async () => {
    const target = await t.db.auditEvent.findFirstOrThrow({ where: { action: "product.create" } });
    const seq = target.seq as bigint;
    const saved = await snapshot(seq);
    await asSuperuser(
      `UPDATE "AuditEvent" SET "after" = '{"name": "Produit falsifié"}' WHERE "id" = $1`,
      target.id,
    );
    await asSuperuser(
      `UPDATE "AuditEvent" e SET "hash" = audit_event_hash(e."prevHash", e) WHERE "id" = $1`,
      target.id,
    );

    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.broken.seq).toBe(seq + 1n);
    expect(report.broken.reason).toMatch(new RegExp(`ne suit plus l'événement n° ${seq}`));

    await restore(saved);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("names the event a superuser deleted from the middle", async () => {
    const head = (await readChainHead(t.db))?.seq as bigint;
    const seq = head / 2n;
    const saved = await snapshot(seq);
    await asSuperuser(`DELETE FROM "AuditEvent" WHERE "id" = $1`, saved.id);

    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.broken).toMatchObject({ seq, id: null });
    expect(report.broken.reason).toMatch(new RegExp(`l'événement n° ${seq} manque`));

    await asSuperuser(
      `INSERT INTO "AuditEvent" SELECT * FROM json_populate_record(NULL::"AuditEvent", $1::json)`,
      saved.json,
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("names an event slipped in with the triggers off", async () => {
    await asSuperuser(
      `INSERT INTO "AuditEvent" ("action", "entityType", "entityId") VALUES ('test.slipped', 'Test', '5')`,
    );
    const slipped = await t.db.auditEvent.findFirstOrThrow({ where: { action: "test.slipped" } });
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.broken).toMatchObject({ seq: null, id: slipped.id });
    expect(report.broken.reason).toMatch(/hors de la chaîne/);
    await asSuperuser(`DELETE FROM "AuditEvent" WHERE "id" = $1`, slipped.id);
  });

  it("catches events cut from the end against a head published earlier", async () => {
    const head = await readChainHead(t.db);
    if (!head) throw new Error("empty chain");
    const saved = await snapshot(head.seq);
    await asSuperuser(`DELETE FROM "AuditEvent" WHERE "id" = $1`, saved.id);
    // Without an outside anchor, a shorter chain is still a valid chain…
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // …the head logged every day by the retention job is that anchor.
    const report = await verifyAuditChain(t.db, { anchor: head });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.broken.reason).toMatch(/derniers événements ont été supprimés/);
    await restore(saved);
    expect((await verifyAuditChain(t.db, { anchor: head })).ok).toBe(true);
  });

  it("recomputes the hash with its own copy of the canonical text (sha256 in Node)", async () => {
    const e = await t.db.auditEvent.findFirstOrThrow({ where: { action: "bulk.load" } });
    const [row] = await t.db.$queryRawUnsafe<Array<{ canonical: string }>>(
      `SELECT audit_event_canonical(e) AS canonical FROM "AuditEvent" e WHERE "id" = $1`,
      e.id,
    );
    expect(row?.canonical).toContain('{"a": [1, 2.50], "b": 1}');
    expect(sha256Hex(`${e.prevHash}${row?.canonical}`)).toBe(e.hash);
  });

  it("writes the audit event in the transaction of the change: no event, no change", async () => {
    const { id } = await newProduct("Produit transactionnel");
    const before = await t.db.product.findUniqueOrThrow({ where: { id } });
    // The audit insert of this one change fails (as a full disk or a broken trigger would).
    await t.db.$executeRawUnsafe(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit write failed'; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON "AuditEvent"
      FOR EACH ROW WHEN (NEW."action" = 'product.update' AND NEW."after"::text LIKE '%jamais%')
      EXECUTE FUNCTION test_fail_audit()`);
    try {
      await expect(renameProduct(id, "Renommé jamais audité")).rejects.toThrow();
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_fail_audit ON "AuditEvent"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION test_fail_audit()`);
    }
    const after = await t.db.product.findUniqueOrThrow({ where: { id } });
    expect({ name: after.name, version: after.version }).toEqual({
      name: before.name,
      version: before.version,
    });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("concurrent transactions extend the chain one after the other, without a fork", async () => {
    const before = (await readChainHead(t.db))?.seq ?? 0n;
    const n = 16;
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        t.db.$transaction(async (tx) => {
          await recordAudit(tx, cast.dinum, {
            action: "test.concurrent",
            entityType: "Test",
            entityId: String(i),
          });
          // Keep the transactions open together so their commits race (PostgreSQL).
          await tx.$executeRawUnsafe("SELECT pg_sleep(0.05)");
          await recordAudit(tx, cast.dinum, {
            action: "test.concurrent",
            entityType: "Test",
            entityId: `${i}b`,
          });
        }),
      ),
    );
    const elapsed = Date.now() - started;
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const head = await readChainHead(t.db);
    expect(head?.seq).toBe(before + BigInt(2 * n));
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(true);
    // Both events of a transaction are sealed together, at its commit.
    const rows = await t.db.auditEvent.findMany({
      where: { action: "test.concurrent" },
      orderBy: { seq: "asc" },
      select: { entityId: true },
    });
    for (let i = 0; i < rows.length; i += 2) {
      expect(rows[i + 1]?.entityId).toBe(`${rows[i]?.entityId}b`);
    }
    console.info(`${n} transactions concurrentes scellées en ${elapsed} ms`);
  });

  it.runIf(onPostgres)(
    "`npm run audit:verify` reports an intact chain, then names the broken event (exit 1)",
    async () => {
      const run = promisify(execFile);
      const cli = () =>
        run(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts"], {
          env: { ...process.env, DATABASE_URL: t.url as string, NODE_ENV: "test" },
        }).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({
            code: e.code,
            out: e.stdout + e.stderr,
          }),
        );
      const count = await t.db.auditEvent.count();
      const ok = await cli();
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.out).toContain(`Journal d'audit intègre : ${count} événements vérifiés.`);

      const target = await t.db.auditEvent.findFirstOrThrow({ where: { action: "product.update" } });
      const saved = await snapshot(target.seq as bigint);
      await asSuperuser(
        `UPDATE "AuditEvent" SET "actorEmail" = 'quelquun.dautre@test.gouv.fr' WHERE "id" = $1`,
        target.id,
      );
      const broken = await cli();
      await restore(saved);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(
        `Journal d'audit altéré : premier événement en défaut : n° ${target.seq} (id ${target.id})`,
      );
    },
  );
});
