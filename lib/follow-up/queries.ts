import "server-only";
// Server reads of the follow-up: ordered, validated, certified, invoiced, paid and what is
// left, in days and in euros, for a line, an order, a product and the caller's whole scope.
// Every figure is aggregated by PostgreSQL (GROUP BY over indexed columns) and read as text,
// so days stay exact decimals and cents exact bigints; JavaScript never loops over report
// rows to add them up. Authorization is decided here, from the records.
import Decimal from "decimal.js";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import type { OrderStatusName } from "@/lib/orders/rules";
import { PAGE_SIZE, type Page, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import { canSeeFollowUp, canSeeOrderFollowUp, canSeeProductFollowUp } from "./policies";
import {
  type BurnDownPoint,
  burnDownSeries,
  deriveFigures,
  type Figures,
  type MonthlyDays,
  type RunOut,
  runOutDate,
  ZERO_FIGURES,
} from "./rules";
import type { FollowUpFilters } from "./schemas";

// ── SQL building blocks ─────────────────────────────────────────────────────────────────

/**
 * Amount of a line's days: days ÷ days per UO × frozen unit price, half-up to the cent, in
 * exact integer arithmetic (days have one decimal): ⌊(2·price·10·days + 10·dpu) ÷ (20·dpu)⌋.
 * The same rounding as consumedAmountHtCents (lib/orders/rules.ts); for the ordered days it
 * equals the line's amount as corrected by its corrective orders.
 */
const amountOf = (column: "orderedDays" | "consumedDays") =>
  Prisma.raw(
    `((2 * coalesce(l."unitPriceHtCents", 0)::bigint * (l."${column}" * 10)::bigint + 10 * u."daysPerUnit") / (20 * u."daysPerUnit"))`,
  );

/** Original orders that commit days: issued and not cancelled (corrective orders move their lines). */
const FOLLOWED = Prisma.sql`o."correctsOrderId" IS NULL AND o."status" NOT IN ('DRAFT', 'CANCELLED')`;

/** The orders the actor may see, over alias `o` (same scope as lib/orders/queries.ts). */
function scopeSql(actor: Actor): Prisma.Sql {
  if (!canSeeFollowUp(actor)) throw forbidden();
  if (can(actor, "order:readAll")) return Prisma.sql`TRUE`;
  const m = actor.membership;
  if (m.role === "BENEFICIARY" && m.beneficiaryId)
    return Prisma.sql`o."beneficiaryId" = ${m.beneficiaryId}::uuid`;
  if (m.role === "CONTRACTOR" && m.contractorId)
    return Prisma.sql`o."contractorId" = ${m.contractorId}::uuid`;
  throw forbidden();
}

function filterSql(filters: FollowUpFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.status) conditions.push(Prisma.sql`o."status" = ${filters.status}::"OrderStatus"`);
  if (filters.productId) conditions.push(Prisma.sql`o."productId" = ${filters.productId}::uuid`);
  if (filters.contractorId) conditions.push(Prisma.sql`o."contractorId" = ${filters.contractorId}::uuid`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/**
 * One row of figures per order matching `where` (over alias `o`): sums of the lines' days
 * and amounts, of the certifying service-fait records and of their invoices.
 */
function perOrderCte(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    scoped AS (SELECT o."id" FROM "PurchaseOrder" o WHERE ${FOLLOWED} AND ${where}),
    lines AS (
      SELECT l."orderId" AS "id",
             sum(l."orderedDays") AS od, sum(l."consumedDays") AS vd, sum(l."certifiedDays") AS cd,
             sum(${amountOf("orderedDays")}) AS oc, sum(${amountOf("consumedDays")}) AS vc
        FROM "OrderLine" l JOIN "UoType" u ON u."id" = l."uoTypeId"
       WHERE l."orderId" IN (SELECT "id" FROM scoped)
       GROUP BY l."orderId"),
    sf AS (
      SELECT s."orderId" AS "id",
             sum(s."computedHtCents") FILTER (WHERE s."decision" IN ('ADMISSION', 'REFACTION')) AS gross,
             sum(s."refactionHtCents") FILTER (WHERE s."decision" IN ('ADMISSION', 'REFACTION')) AS refaction
        FROM "ServiceFait" s
       WHERE s."orderId" IN (SELECT "id" FROM scoped)
       GROUP BY s."orderId"),
    inv AS (
      SELECT s."orderId" AS "id", sum(i."amountHtCents") AS invoiced,
             sum(i."amountHtCents") FILTER (WHERE i."paidOn" IS NOT NULL) AS paid
        FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
       WHERE s."orderId" IN (SELECT "id" FROM scoped)
       GROUP BY s."orderId"),
    per_order AS (
      SELECT scoped."id",
             coalesce(lines.od, 0) AS od, coalesce(lines.vd, 0) AS vd, coalesce(lines.cd, 0) AS cd,
             coalesce(lines.oc, 0) AS oc, coalesce(lines.vc, 0) AS vc,
             coalesce(sf.gross, 0) AS gross, coalesce(sf.refaction, 0) AS refaction,
             coalesce(inv.invoiced, 0) AS invoiced, coalesce(inv.paid, 0) AS paid
        FROM scoped
        LEFT JOIN lines ON lines."id" = scoped."id"
        LEFT JOIN sf ON sf."id" = scoped."id"
        LEFT JOIN inv ON inv."id" = scoped."id")`;
}

/** The figure columns of a row, as text (exact). */
const FIGURE_COLUMNS = (prefix: "" | "sum") =>
  Prisma.raw(
    ["od", "vd", "cd", "oc", "vc", "gross", "refaction", "invoiced", "paid"]
      .map((c) => (prefix ? `coalesce(sum(${c}), 0)::text AS ${c}` : `${c}::text AS ${c}`))
      .join(", "),
  );

type FigureRow = {
  od: string;
  vd: string;
  cd: string;
  oc: string;
  vc: string;
  gross: string;
  refaction: string;
  invoiced: string;
  paid: string;
};

function figuresOf(r: FigureRow | undefined): Figures {
  if (!r) return deriveFigures(ZERO_FIGURES);
  return deriveFigures({
    orderedDays: new Decimal(r.od),
    validatedDays: new Decimal(r.vd),
    certifiedDays: new Decimal(r.cd),
    orderedHtCents: BigInt(r.oc),
    validatedHtCents: BigInt(r.vc),
    certifiedGrossHtCents: BigInt(r.gross),
    refactionHtCents: BigInt(r.refaction),
    invoicedHtCents: BigInt(r.invoiced),
    paidHtCents: BigInt(r.paid),
  });
}

// ── Lists: the caller's scope, a product ────────────────────────────────────────────────

export type FollowUpOrderRow = {
  id: string;
  number: string | null;
  status: OrderStatusName;
  productId: string;
  productName: string;
  beneficiaryName: string;
  contractorName: string;
  startsOn: string;
  endsOn: string;
  figures: Figures;
};

type OrderRowSql = FigureRow & {
  id: string;
  number: string | null;
  status: OrderStatusName;
  product_id: string;
  product_name: string;
  beneficiary_name: string;
  contractor_name: string;
  starts_on: string;
  ends_on: string;
};

async function totalsOf(where: Prisma.Sql): Promise<{ count: number; figures: Figures }> {
  const db = await getDb();
  const [row] = await db.$queryRaw<Array<FigureRow & { n: number }>>`
    WITH ${perOrderCte(where)}
    SELECT count(*)::int AS n, ${FIGURE_COLUMNS("sum")} FROM per_order`;
  return { count: row?.n ?? 0, figures: figuresOf(row) };
}

async function listFollowedOrders(where: Prisma.Sql, page: number, pageSize = PAGE_SIZE) {
  const db = await getDb();
  const [rows, totals] = await Promise.all([
    db.$queryRaw<OrderRowSql[]>`
      WITH ${perOrderCte(where)}
      SELECT o."id"::text AS "id", o."number", o."status"::text AS "status",
             p."id"::text AS product_id, p."name" AS product_name, b."name" AS beneficiary_name,
             c."name" AS contractor_name,
             to_char(o."startsOn", 'YYYY-MM-DD') AS starts_on, to_char(o."endsOn", 'YYYY-MM-DD') AS ends_on,
             ${FIGURE_COLUMNS("")}
        FROM per_order
        JOIN "PurchaseOrder" o ON o."id" = per_order."id"
        JOIN "Product" p ON p."id" = o."productId"
        JOIN "Beneficiary" b ON b."id" = o."beneficiaryId"
        JOIN "Contractor" c ON c."id" = o."contractorId"
       ORDER BY o."orderDate" DESC NULLS LAST, o."number" DESC NULLS LAST, o."id"
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    totalsOf(where),
  ]);
  const items: FollowUpOrderRow[] = rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    productId: r.product_id,
    productName: r.product_name,
    beneficiaryName: r.beneficiary_name,
    contractorName: r.contractor_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    figures: figuresOf(r),
  }));
  return { page: toPage(items, totals.count, page, pageSize), totals: totals.figures };
}

export type ScopeFollowUp = {
  /** Every order in the caller's scope. */
  scopeTotals: Figures;
  /** The orders matching the filters (all pages), and one page of them. */
  totals: Figures;
  orders: Page<FollowUpOrderRow>;
};

/** The caller's whole follow-up: totals over every order in scope, and one page of orders. */
export async function getScopeFollowUp({
  actor,
  page,
  filters,
}: {
  actor: Actor;
  page: number;
  filters: FollowUpFilters;
}): Promise<ScopeFollowUp> {
  const scope = scopeSql(actor);
  const filtered = Boolean(filters.status || filters.productId || filters.contractorId);
  const [list, all] = await Promise.all([
    listFollowedOrders(Prisma.sql`${scope} AND ${filterSql(filters)}`, page),
    filtered ? totalsOf(scope) : null,
  ]);
  return { scopeTotals: all?.figures ?? list.totals, totals: list.totals, orders: list.page };
}

export type BurnDown = {
  points: BurnDownPoint[];
  runOut: RunOut;
  startsOn: string;
  endsOn: string;
};

type MonthlyRow = { line: string | null; month: string; validated: string; certified: string };

/**
 * Validated and certified days per month of work (and per line when `byLine`), from the
 * entries of validated reports; certified = those of reports a certifying record covers.
 */
async function monthlyDays(orderWhere: Prisma.Sql, byLine: boolean): Promise<MonthlyRow[]> {
  const db = await getDb();
  const grouping = byLine
    ? Prisma.sql`GROUPING SETS ((e."orderLineId", e."month"), (e."month"))`
    : Prisma.sql`e."month"`;
  const line = byLine ? Prisma.sql`e."orderLineId"::text` : Prisma.sql`NULL::text`;
  return db.$queryRaw<MonthlyRow[]>`
    SELECT ${line} AS line, to_char(e."month", 'YYYY-MM') AS month,
           sum(e."days")::text AS validated,
           coalesce(sum(e."days") FILTER (WHERE c."reportId" IS NOT NULL), 0)::text AS certified
      FROM "ActivityReport" r
      JOIN "ActivityEntry" e ON e."reportId" = r."id"
      LEFT JOIN "ServiceFaitReport" c ON c."reportId" = r."id" AND c."certifying"
     WHERE r."status" = 'VALIDATED'
       AND r."orderId" IN (SELECT o."id" FROM "PurchaseOrder" o WHERE ${FOLLOWED} AND ${orderWhere})
     GROUP BY ${grouping}
     ORDER BY 2`;
}

const toMonthly = (rows: MonthlyRow[]): MonthlyDays[] =>
  rows.map((r) => ({
    month: r.month,
    validatedDays: new Decimal(r.validated),
    certifiedDays: new Decimal(r.certified),
  }));

function burnDown(
  figures: Figures,
  monthly: MonthlyDays[],
  period: { startsOn: string; endsOn: string },
  today: string,
): BurnDown {
  return {
    ...period,
    points: burnDownSeries({ orderedDays: figures.orderedDays, ...period, monthly, today }),
    runOut: runOutDate({ remainingDays: figures.remainingDays, monthly, startsOn: period.startsOn, today }),
  };
}

// ── An order ────────────────────────────────────────────────────────────────────────────

export type LineFollowUp = {
  id: string;
  position: number;
  label: string;
  unitPriceHtCents: number | null;
  figures: Figures;
  burnDown: BurnDown;
};

export type OrderFollowUp = Awaited<ReturnType<typeof getOrderFollowUp>>;

/** One order's follow-up: per line and in total, with the burn-down and the run-out date. */
export async function getOrderFollowUp({
  actor,
  id,
  today = todayIso(),
}: {
  actor: Actor;
  id: string;
  today?: string;
}) {
  if (!isUuid(id)) throw notFound("Ce bon de commande");
  const db = await getDb();
  const order = await db.purchaseOrder.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      status: true,
      beneficiaryId: true,
      contractorId: true,
      correctsOrderId: true,
      startsOn: true,
      endsOn: true,
      product: { select: { id: true, name: true } },
      beneficiary: { select: { name: true } },
      contractor: { select: { name: true } },
    },
  });
  if (!order || !canSeeOrderFollowUp(actor, order) || order.correctsOrderId !== null) {
    throw notFound("Ce bon de commande");
  }
  const period = {
    startsOn: order.startsOn.toISOString().slice(0, 10),
    endsOn: order.endsOn.toISOString().slice(0, 10),
  };
  const where = Prisma.sql`o."id" = ${order.id}::uuid`;
  const [lineRows, [total], monthlyRows] = await Promise.all([
    db.$queryRaw<Array<FigureRow & { id: string; position: number; label: string; unit: number | null }>>`
      SELECT l."id"::text AS "id", l."position", u."label", l."unitPriceHtCents" AS unit,
             l."orderedDays"::text AS od, l."consumedDays"::text AS vd, l."certifiedDays"::text AS cd,
             ${amountOf("orderedDays")}::text AS oc, ${amountOf("consumedDays")}::text AS vc,
             coalesce(c.gross, 0)::text AS gross, '0' AS refaction, '0' AS invoiced, '0' AS paid
        FROM "OrderLine" l
        JOIN "UoType" u ON u."id" = l."uoTypeId"
        LEFT JOIN (
          SELECT sl."orderLineId", sum(sl."amountHtCents") AS gross
            FROM "ServiceFaitLine" sl JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId"
           WHERE s."orderId" = ${order.id}::uuid AND s."decision" IN ('ADMISSION', 'REFACTION')
           GROUP BY sl."orderLineId") c ON c."orderLineId" = l."id"
       WHERE l."orderId" = ${order.id}::uuid
       ORDER BY l."position"`,
    db.$queryRaw<FigureRow[]>`WITH ${perOrderCte(where)} SELECT ${FIGURE_COLUMNS("")} FROM per_order`,
    monthlyDays(where, true),
  ]);
  const figures = figuresOf(total);
  const lines: LineFollowUp[] = lineRows.map((l) => {
    const f = figuresOf(l);
    return {
      id: l.id,
      position: l.position,
      label: l.label,
      unitPriceHtCents: l.unit,
      figures: f,
      burnDown: burnDown(f, toMonthly(monthlyRows.filter((m) => m.line === l.id)), period, today),
    };
  });
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatusName,
    product: order.product,
    beneficiaryName: order.beneficiary.name,
    contractorName: order.contractor.name,
    ...period,
    today,
    figures,
    lines,
    burnDown: burnDown(figures, toMonthly(monthlyRows.filter((m) => m.line === null)), period, today),
  };
}

// ── A product ───────────────────────────────────────────────────────────────────────────

export type ProductFollowUp = Awaited<ReturnType<typeof getProductFollowUp>>;

/**
 * A product's follow-up: totals and orders among those the caller may see (a contractor: the
 * ones addressed to its company), and the burn-down of their ordered days.
 */
export async function getProductFollowUp({
  actor,
  id,
  page = 1,
  today = todayIso(),
}: {
  actor: Actor;
  id: string;
  page?: number;
  today?: string;
}) {
  if (!isUuid(id)) throw notFound("Ce produit");
  const db = await getDb();
  const product = await db.product.findUnique({
    where: { id },
    select: { id: true, name: true, beneficiaryId: true },
  });
  if (!product || !canSeeProductFollowUp(actor, product)) throw notFound("Ce produit");
  const where = Prisma.sql`${scopeSql(actor)} AND o."productId" = ${product.id}::uuid`;
  const [list, [period], monthlyRows] = await Promise.all([
    listFollowedOrders(where, page),
    db.$queryRaw<Array<{ starts_on: string | null; ends_on: string | null }>>`
      SELECT to_char(min(o."startsOn"), 'YYYY-MM-DD') AS starts_on, to_char(max(o."endsOn"), 'YYYY-MM-DD') AS ends_on
        FROM "PurchaseOrder" o WHERE ${FOLLOWED} AND ${where}`,
    monthlyDays(where, false),
  ]);
  return {
    id: product.id,
    name: product.name,
    today,
    figures: list.totals,
    orders: list.page,
    burnDown:
      period?.starts_on && period.ends_on
        ? burnDown(
            list.totals,
            toMonthly(monthlyRows),
            { startsOn: period.starts_on, endsOn: period.ends_on },
            today,
          )
        : null,
  };
}
