-- Security issue 6: a tamper-evident audit trail and the technical access log.
--
-- 1. Hash chain. When a transaction commits, the database seals each audit event it
--    inserted: seq = previous seq + 1, prevHash = previous event's hash (64 zeros for the
--    first), hash = sha256(prevHash || canonical text of the event). The database does it, so
--    every writer is covered (the application, the seeds, a bulk load through psql).
--    Sealing happens in a deferred constraint trigger, i.e. at COMMIT, after every other
--    statement of the transaction: the chain lock (a transaction-level advisory lock that
--    serializes sealing) is taken last and held only for the commit, so it never waits on a
--    row lock while holding the chain (no deadlock with the mutations' own row locks) and it
--    serializes the commits of audited transactions only, not their work.
--    `npm run audit:verify` recomputes the chain (scripts/audit-verify.ts, lib/audit/chain.ts)
--    with its own copy of the canonical text, not with the functions below.
-- 2. AccessLog: technical access log, purged after the retention period (lib/retention).

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" BIGINT;

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "userId" UUID,
    "status" INTEGER,
    "durationMs" INTEGER,
    "ipPrefix" TEXT,

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessLog_occurredAt_idx" ON "AccessLog"("occurredAt");

-- CreateIndex
CREATE INDEX "AccessLog_userId_occurredAt_idx" ON "AccessLog"("userId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- ---------------------------------------------------------------------------------------
-- Written by hand.

ALTER TABLE "AccessLog"
  ADD CONSTRAINT "AccessLog_status_check" CHECK ("status" IS NULL OR "status" BETWEEN 100 AND 599),
  ADD CONSTRAINT "AccessLog_durationMs_check" CHECK ("durationMs" IS NULL OR "durationMs" >= 0),
  ADD CONSTRAINT "AccessLog_path_check" CHECK (position('?' in "path") = 0);

-- The text that is hashed: every field of the event, as a JSON array (jsonb's text form is
-- canonical: key order and spacing do not depend on how the value was written). The
-- instant is written in UTC to the millisecond, whatever the session's time zone.
CREATE FUNCTION audit_event_canonical(e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_array(
    e."seq", e."id",
    to_char(e."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e."actorUserId", e."actorEmail", e."actorRole", e."actorOrgId", e."actorOrgName",
    e."action", e."entityType", e."entityId", e."before", e."after", e."requestId"
  )::text
$fn$;

CREATE FUNCTION audit_event_hash(prev text, e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT encode(sha256(convert_to(prev || audit_event_canonical(e), 'UTF8')), 'hex')
$fn$;

-- Events recorded before this migration are sealed now, in the order they were written.
-- (The old append-only trigger is replaced below; it is dropped first so this can run.)
DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent";
DO $do$
DECLARE
  r "AuditEvent";
  prev text := repeat('0', 64);
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    n := n + 1;
    r."seq" := n;
    r."prevHash" := prev;
    r."hash" := audit_event_hash(prev, r);
    UPDATE "AuditEvent" SET "seq" = r."seq", "prevHash" = r."prevHash", "hash" = r."hash"
     WHERE "id" = r."id";
    prev := r."hash";
  END LOOP;
END
$do$;

-- Writers never choose the chain fields: whatever they send is discarded.
CREATE FUNCTION audit_event_unsealed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."seq" := NULL;
  NEW."prevHash" := NULL;
  NEW."hash" := NULL;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "AuditEvent_unsealed"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_unsealed();

-- At commit: extend the chain with this event, under the chain lock.
CREATE FUNCTION audit_event_seal() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  head_seq bigint;
  head_hash text;
  sealed "AuditEvent";
BEGIN
  -- One fixed key ("audit_ch" in ASCII): sealing is serialized across sessions until commit.
  PERFORM pg_advisory_xact_lock(7022629598040908648);
  SELECT "seq", "hash" INTO head_seq, head_hash
    FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  sealed := NEW;
  sealed."seq" := COALESCE(head_seq, 0) + 1;
  sealed."prevHash" := COALESCE(head_hash, repeat('0', 64));
  sealed."hash" := audit_event_hash(sealed."prevHash", sealed);
  UPDATE "AuditEvent"
     SET "seq" = sealed."seq", "prevHash" = sealed."prevHash", "hash" = sealed."hash"
   WHERE "id" = NEW."id";
  RETURN NULL;
END
$fn$;
CREATE CONSTRAINT TRIGGER "AuditEvent_seal"
  AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_event_seal();

-- Still append-only: no UPDATE, no DELETE, except the seal above filling the chain fields of
-- an unsealed event (only from inside that trigger, and nothing else may change).
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD."seq" IS NULL AND OLD."hash" IS NULL
     AND NEW."seq" IS NOT NULL AND NEW."hash" IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prevHash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% on % is not allowed: audit events are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END
$fn$;
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
