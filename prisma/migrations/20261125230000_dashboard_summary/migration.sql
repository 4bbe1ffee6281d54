-- The dashboard's summary (issue 7): the five figures of lib/reporting/facts.ts, already added
-- up by month × beneficiary × contractor × product × UO type, kept up to date by the database
-- in the transaction of every change that moves an amount.
--
-- Design (exact by construction, nothing re-implemented by hand):
--   1. Row triggers on every table a figure depends on (PurchaseOrder, OrderLine, UoType,
--      ActivityReport, ActivityEntry, ServiceFait, ServiceFaitLine, Invoice) only note WHICH
--      orders changed, in "DashboardDirtyOrder" (a row of the transaction, never committed).
--   2. At COMMIT, a deferred constraint trigger recomputes the facts of those orders with
--      dashboard_order_facts() — the very rules of lib/reporting/facts.ts (the reference),
--      restricted to a set of orders: committed (issue, corrective, closing), consumed (rounded
--      cumulated minus previous, per line and month), certified (réfaction pro rata), invoiced,
--      paid — then replaces the orders' rows in "DashboardOrderFact" (per order, month and UO
--      type) and adds the difference new − old to four roll-ups ("DashboardMonthFigure",
--      "DashboardUoTypeFigure", "DashboardMonthUoTypeFigure", "DashboardProductFigure") with
--      INSERT … ON CONFLICT DO UPDATE SET x = x + EXCLUDED.x.
--   3. Concurrency: before recomputing, the flush takes one transaction advisory lock (refreshes
--      run one at a time, a few milliseconds each), then reads with a fresh snapshot (READ
--      COMMITTED: each statement of the function sees what committed before it): two
--      transactions touching the same order recompute one after the other, the second one
--      from the first one's result, so no update is lost, and refreshes never deadlock.
-- The dashboard reads the roll-ups only (about 25 000, 180 000, 1 000 and 110 000 rows at
-- national scale, instead of millions of report rows). Months are enough: the dashboard's filters are whole
-- months (?du=YYYY-MM&au=YYYY-MM), and so is the forecast's trailing window.
-- Loads that switch triggers off (session_replication_role = replica: the data generator)
-- must call dashboard_rebuild() at the end, as this migration does for existing rows.

CREATE TABLE "DashboardOrderFact" (
    "orderId" UUID NOT NULL,
    "month" DATE,
    "uoTypeId" UUID,
    "beneficiaryId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "committed" BIGINT NOT NULL,
    "consumed" BIGINT NOT NULL,
    "certified" BIGINT NOT NULL,
    "invoiced" BIGINT NOT NULL,
    "paid" BIGINT NOT NULL
);
-- Not unique: the refresh deletes an order's rows and inserts the new ones in one statement
-- (one row per order, month and UO type all the same, by construction).
CREATE INDEX "DashboardOrderFact_orderId_idx" ON "DashboardOrderFact" ("orderId");

-- Roll-ups of the orders' facts, each small enough to read whole: every breakdown
-- needs one dimension besides the filters (month range, beneficiary, contractor).
--   by month, beneficiary and contractor: total, by beneficiary, by contractor, by month;
CREATE TABLE "DashboardMonthFigure" (
    "month" DATE,
    "beneficiaryId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "committed" BIGINT NOT NULL DEFAULT 0,
    "consumed" BIGINT NOT NULL DEFAULT 0,
    "certified" BIGINT NOT NULL DEFAULT 0,
    "invoiced" BIGINT NOT NULL DEFAULT 0,
    "paid" BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "DashboardMonthFigure_key"
    ON "DashboardMonthFigure" ("month", "beneficiaryId", "contractorId") NULLS NOT DISTINCT;
--   … and UO type: by UO type;
CREATE TABLE "DashboardUoTypeFigure" (
    "month" DATE,
    "beneficiaryId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "uoTypeId" UUID,
    "committed" BIGINT NOT NULL DEFAULT 0,
    "consumed" BIGINT NOT NULL DEFAULT 0,
    "certified" BIGINT NOT NULL DEFAULT 0,
    "invoiced" BIGINT NOT NULL DEFAULT 0,
    "paid" BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "DashboardUoTypeFigure_key"
    ON "DashboardUoTypeFigure" ("month", "beneficiaryId", "contractorId", "uoTypeId") NULLS NOT DISTINCT;
--   by month and UO type alone: by UO type when no organisation is chosen (a few hundred rows
--   instead of the one above, which is the largest);
CREATE TABLE "DashboardMonthUoTypeFigure" (
    "month" DATE,
    "uoTypeId" UUID,
    "committed" BIGINT NOT NULL DEFAULT 0,
    "consumed" BIGINT NOT NULL DEFAULT 0,
    "certified" BIGINT NOT NULL DEFAULT 0,
    "invoiced" BIGINT NOT NULL DEFAULT 0,
    "paid" BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "DashboardMonthUoTypeFigure_key"
    ON "DashboardMonthUoTypeFigure" ("month", "uoTypeId") NULLS NOT DISTINCT;
--   … and product: by product.
CREATE TABLE "DashboardProductFigure" (
    "month" DATE,
    "beneficiaryId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "committed" BIGINT NOT NULL DEFAULT 0,
    "consumed" BIGINT NOT NULL DEFAULT 0,
    "certified" BIGINT NOT NULL DEFAULT 0,
    "invoiced" BIGINT NOT NULL DEFAULT 0,
    "paid" BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "DashboardProductFigure_key"
    ON "DashboardProductFigure" ("month", "beneficiaryId", "contractorId", "productId") NULLS NOT DISTINCT;

CREATE TABLE "DashboardDirtyOrder" (
    "id" BIGSERIAL NOT NULL,
    "orderId" UUID NOT NULL,
    CONSTRAINT "DashboardDirtyOrder_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DashboardDirtyOrder_orderId_idx" ON "DashboardDirtyOrder" ("orderId");

-- The facts of a set of orders, per order, month (first day; NULL: undated) and UO type (NULL:
-- not by UO type). Same statements as FACTS in lib/reporting/facts.ts, each restricted to the
-- facts whose order is in `ids`. Static SQL: PL/pgSQL keeps its plan (planning this statement
-- costs ten times its execution for one order); a rebuild is planned for its own set
-- (plan_cache_mode = force_custom_plan in dashboard_rebuild).
CREATE FUNCTION dashboard_order_facts(ids UUID[])
RETURNS TABLE ("orderId" UUID, "month" DATE, "uoTypeId" UUID, committed BIGINT, consumed BIGINT,
               certified BIGINT, invoiced BIGINT, paid BIGINT)
LANGUAGE plpgsql ROWS 20 AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH sel AS (SELECT DISTINCT x AS id FROM unnest(ids) x),
  sel_lines AS (
    SELECT l.* FROM "OrderLine" l JOIN sel ON sel.id = l."orderId"
  ),
  corrections AS (
    SELECT cl."correctsLineId" AS "lineId", SUM(cl."amountHtCents") AS cents
      FROM "OrderLine" cl
      JOIN "PurchaseOrder" co ON co."id" = cl."orderId"
     WHERE cl."correctsLineId" IN (SELECT id FROM sel_lines)
       AND co."correctsOrderId" IS NOT NULL AND co."status" NOT IN ('DRAFT', 'CANCELLED')
     GROUP BY cl."correctsLineId"
  ),
  committed AS (
    SELECT o."id" AS "orderId", l."uoTypeId", o."orderDate" AS "on",
           COALESCE(l."amountHtCents", 0)::numeric AS cents
      FROM sel JOIN "PurchaseOrder" o ON o."id" = sel.id JOIN "OrderLine" l ON l."orderId" = o."id"
     WHERE o."correctsOrderId" IS NULL AND o."status" NOT IN ('DRAFT', 'CANCELLED')
    UNION ALL
    SELECT c."id", l."uoTypeId", c."orderDate", COALESCE(l."amountHtCents", 0)::numeric
      FROM sel JOIN "PurchaseOrder" c ON c."id" = sel.id
      JOIN "PurchaseOrder" o ON o."id" = c."correctsOrderId"
      JOIN "OrderLine" l ON l."orderId" = c."id"
     WHERE c."status" NOT IN ('DRAFT', 'CANCELLED') AND o."status" <> 'CANCELLED'
    UNION ALL
    SELECT o."id", l."uoTypeId", (o."closedAt" AT TIME ZONE 'Europe/Paris')::date,
           round(l."consumedDays" * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
             - COALESCE(l."amountHtCents", 0) - COALESCE(k.cents, 0)
      FROM sel JOIN "PurchaseOrder" o ON o."id" = sel.id
      JOIN "OrderLine" l ON l."orderId" = o."id"
      JOIN "UoType" u ON u."id" = l."uoTypeId"
      LEFT JOIN corrections k ON k."lineId" = l."id"
     WHERE o."correctsOrderId" IS NULL AND o."status" = 'CLOSED'
  ),
  consumed_months AS (
    SELECT e."orderLineId" AS "lineId", e."month", SUM(e."days") AS days
      FROM sel_lines sl
      JOIN "ActivityEntry" e ON e."orderLineId" = sl."id"
      JOIN "ActivityReport" r ON r."id" = e."reportId"
     WHERE r."status" = 'VALIDATED'
     GROUP BY e."orderLineId", e."month"
  ),
  consumed_cumulated AS (
    SELECT m."lineId", m."month", l."orderId", l."uoTypeId",
           round(SUM(m.days) OVER w * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit") AS cum
      FROM consumed_months m
      JOIN "OrderLine" l ON l."id" = m."lineId"
      JOIN "UoType" u ON u."id" = l."uoTypeId"
    WINDOW w AS (PARTITION BY m."lineId" ORDER BY m."month")
  ),
  consumed_lines AS (
    SELECT "lineId", SUM(days) AS days FROM consumed_months GROUP BY "lineId"
  ),
  consumed AS (
    SELECT "orderId", "uoTypeId", "month" AS "on",
           cum - COALESCE(lag(cum) OVER (PARTITION BY "lineId" ORDER BY "month"), 0) AS cents
      FROM consumed_cumulated
    UNION ALL
    SELECT l."orderId", l."uoTypeId", NULL::date,
           round(l."consumedDays" * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
             - round(COALESCE(cl.days, 0) * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
      FROM sel_lines l
      JOIN "UoType" u ON u."id" = l."uoTypeId"
      LEFT JOIN consumed_lines cl ON cl."lineId" = l."id"
     WHERE l."consumedDays" <> COALESCE(cl.days, 0)
  ),
  sel_sf AS (
    SELECT s.* FROM sel JOIN "ServiceFait" s ON s."orderId" = sel.id
     WHERE s."decision" IN ('ADMISSION', 'REFACTION')
  ),
  sf_lines AS (
    SELECT s."id" AS "sfId", s."orderId", s."decidedOn", l."uoTypeId",
           sl."amountHtCents"::numeric AS a, s."refactionHtCents"::numeric AS r,
           SUM(sl."amountHtCents") OVER (PARTITION BY s."id") AS total,
           row_number() OVER (PARTITION BY s."id" ORDER BY sl."amountHtCents" DESC, sl."id") AS rn
      FROM sel_sf s
      JOIN "ServiceFaitLine" sl ON sl."serviceFaitId" = s."id"
      JOIN "OrderLine" l ON l."id" = sl."orderLineId"
  ),
  sf_shares AS (
    SELECT *, CASE WHEN total > 0 THEN floor(r * a / total) ELSE 0 END AS share FROM sf_lines
  ),
  sf_alloc AS (
    SELECT "sfId", "orderId", "decidedOn", "uoTypeId",
           a - share - CASE WHEN rn = 1 AND total > 0 THEN r - SUM(share) OVER (PARTITION BY "sfId") ELSE 0 END
             AS cents
      FROM sf_shares
  ),
  certified AS (
    SELECT "orderId", "uoTypeId", "decidedOn" AS "on", cents FROM sf_alloc
    UNION ALL
    SELECT s."orderId", NULL::uuid, s."decidedOn", s."certifiedHtCents" - COALESCE(x.cents, 0)
      FROM sel_sf s
      LEFT JOIN (SELECT "sfId", SUM(cents) AS cents FROM sf_alloc GROUP BY "sfId") x ON x."sfId" = s."id"
     WHERE s."certifiedHtCents" <> COALESCE(x.cents, 0)
  ),
  facts AS (
    SELECT 'committed' AS kind, "orderId", "uoTypeId", "on", cents FROM committed
    UNION ALL SELECT 'consumed', "orderId", "uoTypeId", "on", cents FROM consumed
    UNION ALL SELECT 'certified', "orderId", "uoTypeId", "on", cents FROM certified
    UNION ALL
    SELECT 'invoiced', s."orderId", NULL::uuid, i."receivedOn", i."amountHtCents"::numeric
      FROM sel JOIN "ServiceFait" s ON s."orderId" = sel.id JOIN "Invoice" i ON i."serviceFaitId" = s."id"
    UNION ALL
    SELECT 'paid', s."orderId", NULL::uuid, i."paidOn", i."amountHtCents"::numeric
      FROM sel JOIN "ServiceFait" s ON s."orderId" = sel.id JOIN "Invoice" i ON i."serviceFaitId" = s."id"
     WHERE i."paidOn" IS NOT NULL
  )
  SELECT f."orderId", date_trunc('month', f."on"::timestamp)::date AS "month", f."uoTypeId",
         COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'committed'), 0)::bigint,
         COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'consumed'), 0)::bigint,
         COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'certified'), 0)::bigint,
         COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'invoiced'), 0)::bigint,
         COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'paid'), 0)::bigint
    FROM facts f
   GROUP BY 1, 2, 3;
END
$fn$;

-- Recomputes the given orders' facts and moves the roll-ups by the difference.
CREATE FUNCTION dashboard_refresh(ids UUID[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- One refresh at a time (a few milliseconds each, at COMMIT): the next one waits, then
  -- reads what this one committed. No deadlock between refreshes, no lost update.
  PERFORM pg_advisory_xact_lock(725410, 0);
  -- A new statement, hence a new snapshot: what the previous holder of the lock committed is seen.
  WITH old AS (
    DELETE FROM "DashboardOrderFact" WHERE "orderId" = ANY(ids) RETURNING *
  ),
  new AS (
    INSERT INTO "DashboardOrderFact"
      ("orderId", "month", "uoTypeId", "beneficiaryId", "contractorId", "productId",
       "committed", "consumed", "certified", "invoiced", "paid")
    SELECT f."orderId", f."month", f."uoTypeId", o."beneficiaryId", o."contractorId", o."productId",
           f.committed, f.consumed, f.certified, f.invoiced, f.paid
      FROM dashboard_order_facts(ids) f
      JOIN "PurchaseOrder" o ON o."id" = f."orderId" AND o."id" = ANY(ids) -- by index, not a scan
    RETURNING *
  ),
  delta AS (
    SELECT "month", "beneficiaryId", "contractorId", "productId", "uoTypeId",
           "committed" AS committed, "consumed" AS consumed, "certified" AS certified,
           "invoiced" AS invoiced, "paid" AS paid FROM new
    UNION ALL
    SELECT "month", "beneficiaryId", "contractorId", "productId", "uoTypeId",
           -"committed", -"consumed", -"certified", -"invoiced", -"paid" FROM old
  ),
  by_month AS (
  INSERT INTO "DashboardMonthFigure" AS g
    ("month", "beneficiaryId", "contractorId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", SUM(committed), SUM(consumed), SUM(certified), SUM(invoiced), SUM(paid)
    FROM delta
   GROUP BY "month", "beneficiaryId", "contractorId"
  HAVING SUM(committed) <> 0 OR SUM(consumed) <> 0 OR SUM(certified) <> 0 OR SUM(invoiced) <> 0 OR SUM(paid) <> 0
  ON CONFLICT ("month", "beneficiaryId", "contractorId") DO UPDATE SET
    "committed" = g."committed" + EXCLUDED."committed",
    "consumed" = g."consumed" + EXCLUDED."consumed",
    "certified" = g."certified" + EXCLUDED."certified",
    "invoiced" = g."invoiced" + EXCLUDED."invoiced",
    "paid" = g."paid" + EXCLUDED."paid"
    RETURNING 1
  ),
  by_month_uo_type AS (
  INSERT INTO "DashboardMonthUoTypeFigure" AS g
    ("month", "uoTypeId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "uoTypeId", SUM(committed), SUM(consumed), SUM(certified), SUM(invoiced), SUM(paid)
    FROM delta
   GROUP BY "month", "uoTypeId"
  HAVING SUM(committed) <> 0 OR SUM(consumed) <> 0 OR SUM(certified) <> 0 OR SUM(invoiced) <> 0 OR SUM(paid) <> 0
  ON CONFLICT ("month", "uoTypeId") DO UPDATE SET
    "committed" = g."committed" + EXCLUDED."committed",
    "consumed" = g."consumed" + EXCLUDED."consumed",
    "certified" = g."certified" + EXCLUDED."certified",
    "invoiced" = g."invoiced" + EXCLUDED."invoiced",
    "paid" = g."paid" + EXCLUDED."paid"
    RETURNING 1
  ),
  by_uo_type AS (
  INSERT INTO "DashboardUoTypeFigure" AS g
    ("month", "beneficiaryId", "contractorId", "uoTypeId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", "uoTypeId", SUM(committed), SUM(consumed), SUM(certified), SUM(invoiced), SUM(paid)
    FROM delta
   GROUP BY "month", "beneficiaryId", "contractorId", "uoTypeId"
  HAVING SUM(committed) <> 0 OR SUM(consumed) <> 0 OR SUM(certified) <> 0 OR SUM(invoiced) <> 0 OR SUM(paid) <> 0
  ON CONFLICT ("month", "beneficiaryId", "contractorId", "uoTypeId") DO UPDATE SET
    "committed" = g."committed" + EXCLUDED."committed",
    "consumed" = g."consumed" + EXCLUDED."consumed",
    "certified" = g."certified" + EXCLUDED."certified",
    "invoiced" = g."invoiced" + EXCLUDED."invoiced",
    "paid" = g."paid" + EXCLUDED."paid"
    RETURNING 1
  )
  INSERT INTO "DashboardProductFigure" AS g
    ("month", "beneficiaryId", "contractorId", "productId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", "productId", SUM(committed), SUM(consumed), SUM(certified), SUM(invoiced), SUM(paid)
    FROM delta
   GROUP BY "month", "beneficiaryId", "contractorId", "productId"
  HAVING SUM(committed) <> 0 OR SUM(consumed) <> 0 OR SUM(certified) <> 0 OR SUM(invoiced) <> 0 OR SUM(paid) <> 0
  ON CONFLICT ("month", "beneficiaryId", "contractorId", "productId") DO UPDATE SET
    "committed" = g."committed" + EXCLUDED."committed",
    "consumed" = g."consumed" + EXCLUDED."consumed",
    "certified" = g."certified" + EXCLUDED."certified",
    "invoiced" = g."invoiced" + EXCLUDED."invoiced",
    "paid" = g."paid" + EXCLUDED."paid";
END
$fn$;

-- Rebuilds the whole summary from the data (this migration, loads without triggers).
CREATE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(725410, 0);
  -- Every order at once: planned for this set, not with a plan kept for one order.
  SET LOCAL plan_cache_mode = force_custom_plan;
  DELETE FROM "DashboardDirtyOrder";
  DELETE FROM "DashboardOrderFact";
  DELETE FROM "DashboardMonthFigure";
  DELETE FROM "DashboardUoTypeFigure";
  DELETE FROM "DashboardProductFigure";
  DELETE FROM "DashboardMonthUoTypeFigure";
  INSERT INTO "DashboardOrderFact"
    ("orderId", "month", "uoTypeId", "beneficiaryId", "contractorId", "productId",
     "committed", "consumed", "certified", "invoiced", "paid")
  SELECT f."orderId", f."month", f."uoTypeId", o."beneficiaryId", o."contractorId", o."productId",
         f.committed, f.consumed, f.certified, f.invoiced, f.paid
    FROM dashboard_order_facts(ARRAY(SELECT "id" FROM "PurchaseOrder")) f
    JOIN "PurchaseOrder" o ON o."id" = f."orderId";
  INSERT INTO "DashboardMonthFigure" ("month", "beneficiaryId", "contractorId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", SUM("committed"), SUM("consumed"), SUM("certified"), SUM("invoiced"), SUM("paid")
    FROM "DashboardOrderFact"
   GROUP BY "month", "beneficiaryId", "contractorId"
  HAVING SUM("committed") <> 0 OR SUM("consumed") <> 0 OR SUM("certified") <> 0
      OR SUM("invoiced") <> 0 OR SUM("paid") <> 0;
  INSERT INTO "DashboardUoTypeFigure" ("month", "beneficiaryId", "contractorId", "uoTypeId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", "uoTypeId", SUM("committed"), SUM("consumed"), SUM("certified"), SUM("invoiced"), SUM("paid")
    FROM "DashboardOrderFact"
   GROUP BY "month", "beneficiaryId", "contractorId", "uoTypeId"
  HAVING SUM("committed") <> 0 OR SUM("consumed") <> 0 OR SUM("certified") <> 0
      OR SUM("invoiced") <> 0 OR SUM("paid") <> 0;
  INSERT INTO "DashboardMonthUoTypeFigure" ("month", "uoTypeId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "uoTypeId", SUM("committed"), SUM("consumed"), SUM("certified"), SUM("invoiced"), SUM("paid")
    FROM "DashboardOrderFact"
   GROUP BY "month", "uoTypeId"
  HAVING SUM("committed") <> 0 OR SUM("consumed") <> 0 OR SUM("certified") <> 0
      OR SUM("invoiced") <> 0 OR SUM("paid") <> 0;
  INSERT INTO "DashboardProductFigure" ("month", "beneficiaryId", "contractorId", "productId", "committed", "consumed", "certified", "invoiced", "paid")
  SELECT "month", "beneficiaryId", "contractorId", "productId", SUM("committed"), SUM("consumed"), SUM("certified"), SUM("invoiced"), SUM("paid")
    FROM "DashboardOrderFact"
   GROUP BY "month", "beneficiaryId", "contractorId", "productId"
  HAVING SUM("committed") <> 0 OR SUM("consumed") <> 0 OR SUM("certified") <> 0
      OR SUM("invoiced") <> 0 OR SUM("paid") <> 0;
END
$fn$;

-- Notes orders whose facts may have changed (once per order and transaction).
CREATE FUNCTION dashboard_mark(ids UUID[]) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO "DashboardDirtyOrder" ("orderId")
  SELECT DISTINCT x FROM unnest(ids) x
   WHERE x IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "DashboardDirtyOrder" d WHERE d."orderId" = x);
$fn$;

-- At COMMIT: recompute every order noted by this transaction (the first firing does it all,
-- the next ones find nothing left).
CREATE FUNCTION dashboard_flush() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE ids UUID[];
BEGIN
  WITH d AS (DELETE FROM "DashboardDirtyOrder" RETURNING "orderId")
  SELECT array_agg(DISTINCT "orderId") INTO ids FROM d;
  IF ids IS NOT NULL THEN
    PERFORM dashboard_refresh(ids);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER "DashboardDirtyOrder_flush"
  AFTER INSERT ON "DashboardDirtyOrder"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dashboard_flush();

CREATE FUNCTION dashboard_mark_purchase_order() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."status", OLD."orderDate", OLD."closedAt", OLD."correctsOrderId",
        OLD."beneficiaryId", OLD."contractorId", OLD."productId")
      IS NOT DISTINCT FROM (NEW."status", NEW."orderDate", NEW."closedAt", NEW."correctsOrderId",
        NEW."beneficiaryId", NEW."contractorId", NEW."productId") THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    -- The order, the original it corrects (its closing counts the corrections), its correctives
    -- (theirs count only while it is not cancelled).
    PERFORM dashboard_mark(ARRAY[OLD."id", OLD."correctsOrderId"]
      || ARRAY(SELECT c."id" FROM "PurchaseOrder" c WHERE c."correctsOrderId" = OLD."id"));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_mark(ARRAY[NEW."id", NEW."correctsOrderId"]
      || ARRAY(SELECT c."id" FROM "PurchaseOrder" c WHERE c."correctsOrderId" = NEW."id"));
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "PurchaseOrder_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "PurchaseOrder"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_purchase_order();

CREATE FUNCTION dashboard_mark_order_line() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."orderId", OLD."uoTypeId", OLD."correctsLineId", OLD."unitPriceHtCents",
        OLD."amountHtCents", OLD."consumedDays")
      IS NOT DISTINCT FROM (NEW."orderId", NEW."uoTypeId", NEW."correctsLineId", NEW."unitPriceHtCents",
        NEW."amountHtCents", NEW."consumedDays") THEN
    RETURN NULL;
  END IF;
  -- The line's order and, for a corrective line, the order of the line it corrects.
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_mark(ARRAY[OLD."orderId",
      (SELECT l."orderId" FROM "OrderLine" l WHERE l."id" = OLD."correctsLineId")]);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_mark(ARRAY[NEW."orderId",
      (SELECT l."orderId" FROM "OrderLine" l WHERE l."id" = NEW."correctsLineId")]);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "OrderLine_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "OrderLine"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_order_line();

CREATE FUNCTION dashboard_mark_uo_type() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF OLD."daysPerUnit" IS DISTINCT FROM NEW."daysPerUnit" THEN
    PERFORM dashboard_mark(ARRAY(SELECT DISTINCT l."orderId" FROM "OrderLine" l WHERE l."uoTypeId" = NEW."id"));
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "UoType_dashboard" AFTER UPDATE ON "UoType"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_uo_type();

CREATE FUNCTION dashboard_mark_activity_report() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r RECORD;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  -- Only validated reports count: mark when a report becomes (or stops being) validated.
  IF (TG_OP = 'UPDATE' AND OLD."status" IS DISTINCT FROM NEW."status"
        AND 'VALIDATED' IN (OLD."status"::text, NEW."status"::text))
     OR (TG_OP <> 'UPDATE' AND r."status" = 'VALIDATED') THEN
    PERFORM dashboard_mark(ARRAY[r."orderId"] || ARRAY(
      SELECT DISTINCT l."orderId" FROM "ActivityEntry" e JOIN "OrderLine" l ON l."id" = e."orderLineId"
       WHERE e."reportId" = r."id"));
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "ActivityReport_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "ActivityReport"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_activity_report();

CREATE FUNCTION dashboard_mark_activity_entry() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- Entries of a report not validated do not count (its validation marks the order).
  IF TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM "ActivityReport" r WHERE r."id" = OLD."reportId" AND r."status" = 'VALIDATED') THEN
    PERFORM dashboard_mark(ARRAY[(SELECT l."orderId" FROM "OrderLine" l WHERE l."id" = OLD."orderLineId")]);
  END IF;
  IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM "ActivityReport" r WHERE r."id" = NEW."reportId" AND r."status" = 'VALIDATED') THEN
    PERFORM dashboard_mark(ARRAY[(SELECT l."orderId" FROM "OrderLine" l WHERE l."id" = NEW."orderLineId")]);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "ActivityEntry_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "ActivityEntry"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_activity_entry();

CREATE FUNCTION dashboard_mark_service_fait() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM dashboard_mark(ARRAY[OLD."orderId"]); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM dashboard_mark(ARRAY[NEW."orderId"]); END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "ServiceFait_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "ServiceFait"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_service_fait();

CREATE FUNCTION dashboard_mark_service_fait_child() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- ServiceFaitLine and Invoice: the order of their service-fait record.
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_mark(ARRAY[(SELECT s."orderId" FROM "ServiceFait" s WHERE s."id" = OLD."serviceFaitId")]);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_mark(ARRAY[(SELECT s."orderId" FROM "ServiceFait" s WHERE s."id" = NEW."serviceFaitId")]);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "ServiceFaitLine_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "ServiceFaitLine"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_service_fait_child();
CREATE TRIGGER "Invoice_dashboard" AFTER INSERT OR UPDATE OR DELETE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_service_fait_child();

-- Existing rows.
SELECT dashboard_rebuild();
