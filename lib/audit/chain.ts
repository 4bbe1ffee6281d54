// Checks the hash chain of the audit trail (sealed by the database at commit: migration
// 20261125190000_audit_chain_and_access_log). Used by `npm run audit:verify` and the tests.
//
// The check reads the events in chain order, in batches (never the whole table in memory),
// and for each one recomputes sha256(previous hash || canonical text) in Node. The canonical
// text is computed by the query below, written here again on purpose: the check does not
// trust the database's own audit_event_canonical()/audit_event_hash() functions, which a
// superuser could replace.
import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";

export const GENESIS_HASH = "0".repeat(64);

/** Same fields, same order, same formats as audit_event_canonical() in the migration. */
const CANONICAL_SQL = `jsonb_build_array(
    e."seq", e."id",
    to_char(e."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e."actorUserId", e."actorEmail", e."actorRole", e."actorOrgId", e."actorOrgName",
    e."action", e."entityType", e."entityId", e."before", e."after", e."requestId"
  )::text`;

export type ChainHead = { seq: bigint; hash: string };

export type ChainBreak = {
  /** Position in the chain of the first broken event (the missing one for a deletion). */
  seq: bigint | null;
  /** Its id, when the row exists. */
  id: bigint | null;
  reason: string;
};

export type ChainReport =
  | { ok: true; verified: number; head: ChainHead | null }
  | { ok: false; verified: number; broken: ChainBreak };

type Row = { id: bigint; seq: bigint; prevHash: string | null; hash: string | null; canonical: string };

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Walks the whole chain from the first event. `anchor` (optional) is a head published
 * earlier (the daily retention job logs it): the chain must still contain that event with
 * that hash, which also detects events removed from the end of the chain.
 */
export async function verifyAuditChain(
  db: PrismaClient,
  { batchSize = 1000, anchor }: { batchSize?: number; anchor?: ChainHead } = {},
): Promise<ChainReport> {
  let verified = 0;
  let prevSeq = 0n;
  let prevHash = GENESIS_HASH;
  let cursor: [bigint, bigint] = [0n, 0n];
  const fail = (broken: ChainBreak): ChainReport => ({ ok: false, verified, broken });

  for (;;) {
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT e."id", e."seq", e."prevHash", e."hash", ${CANONICAL_SQL} AS canonical
         FROM "AuditEvent" e
        WHERE e."seq" IS NOT NULL AND (e."seq", e."id") > ($1::bigint, $2::bigint)
        ORDER BY e."seq", e."id"
        LIMIT $3`,
      cursor[0],
      cursor[1],
      batchSize,
    );
    for (const r of rows) {
      const where = `l'événement n° ${r.seq} (id ${r.id})`;
      if (r.seq === prevSeq) {
        return fail({ seq: r.seq, id: r.id, reason: `${where} porte le même numéro que le précédent.` });
      }
      if (r.seq !== prevSeq + 1n) {
        const missing = prevSeq + 1n;
        return fail({
          seq: missing,
          id: null,
          reason:
            r.seq === missing + 1n
              ? `l'événement n° ${missing} manque (supprimé ?) : la chaîne passe du n° ${prevSeq} au n° ${r.seq}.`
              : `les événements n° ${missing} à ${r.seq - 1n} manquent (supprimés ?) : la chaîne passe du n° ${prevSeq} au n° ${r.seq}.`,
        });
      }
      if (r.prevHash !== prevHash) {
        return fail({
          seq: r.seq,
          id: r.id,
          reason: `${where} ne suit plus l'événement n° ${prevSeq} : l'empreinte précédente qu'il porte ne correspond pas (l'événement n° ${prevSeq} a été modifié, remplacé ou inséré).`,
        });
      }
      if (r.hash !== sha256Hex(prevHash + r.canonical)) {
        return fail({
          seq: r.seq,
          id: r.id,
          reason: `${where} a été modifié après son enregistrement : son empreinte recalculée ne correspond pas.`,
        });
      }
      if (anchor && r.seq === anchor.seq && r.hash !== anchor.hash) {
        return fail({
          seq: r.seq,
          id: r.id,
          reason: `${where} ne correspond pas à l'empreinte publiée pour ce numéro : la chaîne a été recalculée.`,
        });
      }
      verified++;
      prevSeq = r.seq;
      prevHash = r.hash;
      cursor = [r.seq, r.id];
    }
    if (rows.length < batchSize) break;
  }

  if (anchor && prevSeq < anchor.seq) {
    return fail({
      seq: prevSeq + 1n,
      id: null,
      reason: `la chaîne s'arrête au n° ${prevSeq} alors que le n° ${anchor.seq} avait été publié : les derniers événements ont été supprimés.`,
    });
  }
  // An event outside the chain was written with the triggers disabled (committed events
  // are always sealed; an open transaction's events are invisible here).
  const [outside] = await db.$queryRawUnsafe<Array<{ id: bigint }>>(
    `SELECT "id" FROM "AuditEvent" WHERE "seq" IS NULL ORDER BY "id" LIMIT 1`,
  );
  if (outside) {
    return fail({
      seq: null,
      id: outside.id,
      reason: `l'événement id ${outside.id} est hors de la chaîne : il a été écrit sans passer par le scellement de la base.`,
    });
  }
  return { ok: true, verified, head: verified ? { seq: prevSeq, hash: prevHash } : null };
}

const events = (n: number) => (n > 1 ? `${n} événements vérifiés` : `${n} événement vérifié`);

/** The one-line French verdict printed by `npm run audit:verify`. */
export function formatChainReport(report: ChainReport): string {
  if (report.ok) {
    const head = report.head ? ` Dernier maillon : ${report.head.seq}:${report.head.hash}` : "";
    return `Journal d'audit intègre : ${events(report.verified)}.${head}`;
  }
  const b = report.broken;
  const name = b.seq !== null ? `n° ${b.seq}${b.id !== null ? ` (id ${b.id})` : ""}` : `id ${b.id}`;
  return `Journal d'audit altéré : premier événement en défaut : ${name} — ${b.reason} (${events(report.verified)} avant lui).`;
}

/** "<seq>:<hash>" as printed in a report or a log → an anchor; null when malformed. */
export function parseAnchor(text: string): ChainHead | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: BigInt(m[1] as string), hash: m[2] as string } : null;
}

/** The last sealed event, published daily in the logs so a rewritten chain can be detected. */
export async function readChainHead(db: PrismaClient): Promise<ChainHead | null> {
  const [row] = await db.$queryRawUnsafe<Array<{ seq: bigint; hash: string }>>(
    `SELECT "seq", "hash" FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`,
  );
  return row ? { seq: row.seq, hash: row.hash } : null;
}
