import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound, validation } from "@/lib/errors";
import type { Table } from "@/lib/exports/table";
import { formatEuros } from "@/lib/money";
import { ORDER_STATUS_LABELS, type OrderStatusName } from "@/lib/orders/rules";
import { isUuid } from "@/lib/validation";
import { type FigureRow, type Figures, ZERO_FIGURES } from "./facts";
import { canReadConsolidation, quarterlyReportContractor } from "./policies";
import {
  type Forecast,
  forecastCeiling,
  parseQuarter,
  parseSemester,
  type Quarter,
  quarterOf,
  type Semester,
  semesterOf,
  trailingWindow,
} from "./rules";
import { type DashboardFilters, type DashboardFiltersInput, dashboardFiltersSchema } from "./schemas";
import { summaryFigures } from "./summary";

export type { FigureKey, Figures } from "./facts";

export const DEFAULT_THRESHOLD_BP = 8000;

function fieldErrorsOf(issues: Array<{ path: PropertyKey[]; message: string }>) {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? "_form");
    out[key] = [...(out[key] ?? []), i.message];
  }
  return out;
}

async function loadAgreement() {
  const db = await getDb();
  const agreement = await db.frameworkAgreement.findFirst({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      reference: true,
      title: true,
      startsOn: true,
      endsOn: true,
      maxAmountHtCents: true,
      committedHtCents: true,
      vatRateBp: true,
    },
  });
  if (!agreement) throw notFound("L'accord-cadre");
  return agreement;
}

export type ReportingSettings = { agreementId: string; thresholdBp: number; version: number };

/** DINUM's settings of the agreement (defaults until DINUM saves them once). */
export async function getReportingSettings({ actor }: { actor: Actor }): Promise<ReportingSettings> {
  if (!canReadConsolidation(actor)) throw forbidden();
  const agreement = await loadAgreement();
  const db = await getDb();
  const s = await db.agreementSetting.findUnique({
    where: { agreementId: agreement.id },
    select: { forecastThresholdBp: true, version: true },
  });
  return {
    agreementId: agreement.id,
    thresholdBp: s?.forecastThresholdBp ?? DEFAULT_THRESHOLD_BP,
    version: s?.version ?? 1,
  };
}

export type BreakdownRow = { key: string | null; label: string; figures: Figures };

export type Dashboard = {
  agreement: {
    reference: string;
    title: string;
    startsOn: string;
    endsOn: string;
    maxAmountHtCents: bigint;
    committedHtCents: bigint;
  };
  filters: DashboardFilters;
  /** Filters narrow the figures (period, beneficiary, contractor). */
  filtered: boolean;
  totals: Figures;
  byBeneficiary: BreakdownRow[];
  byContractor: BreakdownRow[];
  byProduct: BreakdownRow[];
  byUoType: BreakdownRow[];
  byMonth: BreakdownRow[];
  forecast: Forecast;
  settings: ReportingSettings;
  options: {
    beneficiaries: Array<{ id: string; name: string }>;
    contractors: Array<{ id: string; name: string }>;
  };
};

/** The filter choices of the dashboard (every organisation, active or not: history counts). */
export async function listDashboardOptions({ actor }: { actor: Actor }): Promise<Dashboard["options"]> {
  if (!canReadConsolidation(actor)) throw forbidden();
  const db = await getDb();
  const [beneficiaries, contractors] = await Promise.all([
    db.beneficiary.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.contractor.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
  ]);
  return { beneficiaries, contractors };
}

const NO_LABEL: Record<string, string> = {
  uoType: "Non ventilé par unité d'œuvre (factures, paiements)",
  month: "Sans mois (jours validés hors comptes rendus mensuels)",
};

function breakdown(rows: FigureRow[], dimension: FigureRow["dimension"]): BreakdownRow[] {
  return rows
    .filter((r) => r.dimension === dimension)
    .map((r) => ({
      key: r.key,
      label: r.key === null ? (NO_LABEL[dimension] ?? "—") : (r.label ?? r.key),
      figures: r.figures,
    }));
}

/**
 * The consolidated dashboard (DINUM): the five figures against the agreement's maximum, in
 * total and by beneficiary, contractor, product, UO type and month, within the filters; and
 * the ceiling forecast, always on the whole agreement. Bad filters → a French VALIDATION
 * error naming the field (nothing is computed).
 */
export async function getDashboard({
  actor,
  filters: raw = {},
  today = todayIso(),
}: {
  actor: Actor;
  filters?: DashboardFiltersInput;
  today?: string;
}): Promise<Dashboard> {
  if (!canReadConsolidation(actor)) throw forbidden();
  const parsed = dashboardFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const extra = issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
    throw validation(
      extra.length
        ? `Filtres inconnus : ${extra.join(", ")}.`
        : (issues[0]?.message ?? "Les filtres sont invalides."),
      fieldErrorsOf(issues),
    );
  }
  const filters = parsed.data;
  const db = await getDb();
  const [agreement, settings, options] = await Promise.all([
    loadAgreement(),
    getReportingSettings({ actor }),
    listDashboardOptions({ actor }),
  ]);
  if (filters.beneficiaryId && !options.beneficiaries.some((b) => b.id === filters.beneficiaryId)) {
    throw validation("Le bénéficiaire demandé n'existe pas.", {
      beneficiaire: ["Ce bénéficiaire n'existe pas."],
    });
  }
  if (filters.contractorId && !options.contractors.some((c) => c.id === filters.contractorId)) {
    throw validation("Le titulaire demandé n'existe pas.", { titulaire: ["Ce titulaire n'existe pas."] });
  }
  const filtered = Boolean(filters.from || filters.to || filters.beneficiaryId || filters.contractorId);
  const window = trailingWindow(today);
  // One statement over the summary: the filtered figures, the whole agreement's and the
  // forecast window's totals (lib/reporting/summary.ts).
  const { rows, whole: current, window: win } = await summaryFigures(db, filters, window);
  const totals = rows.find((r) => r.dimension === "total")?.figures ?? ZERO_FIGURES;
  const forecast = forecastCeiling({
    today,
    maxCents: agreement.maxAmountHtCents,
    thresholdBp: settings.thresholdBp,
    agreementEndsOn: dateToIso(agreement.endsOn),
    committed: { currentCents: current.committed, windowCents: win.committed },
    consumed: { currentCents: current.consumed, windowCents: win.consumed },
  });
  return {
    agreement: {
      reference: agreement.reference,
      title: agreement.title,
      startsOn: dateToIso(agreement.startsOn),
      endsOn: dateToIso(agreement.endsOn),
      maxAmountHtCents: agreement.maxAmountHtCents,
      committedHtCents: agreement.committedHtCents,
    },
    filters,
    filtered,
    totals,
    byBeneficiary: breakdown(rows, "beneficiary"),
    byContractor: breakdown(rows, "contractor"),
    byProduct: breakdown(rows, "product"),
    byUoType: breakdown(rows, "uoType"),
    byMonth: breakdown(rows, "month"),
    forecast,
    settings,
    options,
  };
}

// ── Reports owed to DINUM ────────────────────────────────────────────────────────────────

const DECISION_LABELS: Record<string, string> = {
  ADMISSION: "admission",
  REFACTION: "admission avec réfaction",
  AJOURNEMENT: "ajournement",
  REJET: "rejet",
};

const frDate = (iso: string) => iso.split("-").reverse().join("/");
const frDecimal = (v: { toString(): string } | null) => (v === null ? null : v.toString());

type SemesterRow = {
  id: string;
  number: string | null;
  orderDate: Date;
  status: OrderStatusName;
  correctsNumber: string | null;
  beneficiary: string;
  contractor: string;
  product: string;
  startsOn: Date;
  endsOn: Date;
  totalHtCents: bigint;
  totalTtcCents: bigint;
  committedHtCents: bigint;
  lineDetail: Array<{ label: string; quantity: string; unit: number | null; amount: string | null }> | null;
  orderedDays: { toString(): string } | null;
  consumedDays: { toString(): string } | null;
  certifiedDays: { toString(): string } | null;
  sfDetail: Array<{ number: string; decidedOn: string; decision: string; certified: string }> | null;
  certifiedHtCents: bigint;
  invoiceDetail: Array<{
    number: string;
    receivedOn: string;
    ht: string;
    ttc: string;
    paidOn: string | null;
  }> | null;
  invoicedHtCents: bigint;
  invoicedTtcCents: bigint;
  paidHtCents: bigint;
  paidTtcCents: bigint;
};

export type ReportSummary = {
  count: number;
  totalHtCents: bigint;
  totalTtcCents: bigint;
  committedHtCents: bigint;
  certifiedHtCents: bigint;
  invoicedHtCents: bigint;
  paidHtCents: bigint;
};

export type SemesterReport = { semester: Semester; table: Table; summary: ReportSummary };

const SEMESTER_COLUMNS: Table["columns"] = [
  { key: "number", label: "N° de bon de commande" },
  { key: "orderDate", label: "Date de commande", kind: "date" },
  { key: "status", label: "Statut" },
  { key: "corrects", label: "Modifie le bon de commande" },
  { key: "beneficiary", label: "Bénéficiaire" },
  { key: "contractor", label: "Titulaire" },
  { key: "product", label: "Produit" },
  { key: "startsOn", label: "Début de la prestation", kind: "date" },
  { key: "endsOn", label: "Fin de la prestation", kind: "date" },
  { key: "totalHt", label: "Montant HT", kind: "cents" },
  { key: "totalTtc", label: "Montant TTC", kind: "cents" },
  { key: "committedHt", label: "Engagé HT", kind: "cents" },
  { key: "uoDetail", label: "Détail des unités d'œuvre" },
  { key: "orderedDays", label: "Jours commandés", kind: "decimal" },
  { key: "consumedDays", label: "Jours consommés (validés)", kind: "decimal" },
  { key: "certifiedDays", label: "Jours certifiés", kind: "decimal" },
  { key: "serviceFaits", label: "Services faits (numéro, date, décision)" },
  { key: "certifiedHt", label: "Certifié HT", kind: "cents" },
  { key: "invoices", label: "Factures (référence, réception, montants, paiement)" },
  { key: "invoicedHt", label: "Facturé HT", kind: "cents" },
  { key: "invoicedTtc", label: "Facturé TTC", kind: "cents" },
  { key: "paidHt", label: "Payé HT", kind: "cents" },
  { key: "paidTtc", label: "Payé TTC", kind: "cents" },
];

/**
 * The six-monthly order report (DINUM): every order issued during the semester, or issued
 * before and running during it (not cancelled), with its amounts, UO detail, service-fait
 * records decided, invoices received and payments made up to the semester's last day.
 */
export async function getSemesterReport({
  actor,
  semester: rawSemester,
  today = todayIso(),
}: {
  actor: Actor;
  /** "2026-S2"; empty: the current semester. */
  semester?: string;
  today?: string;
}): Promise<SemesterReport> {
  if (!canReadConsolidation(actor)) throw forbidden();
  const parsed = parseSemester(rawSemester?.trim() || semesterOf(today));
  if (!parsed.ok) throw validation(parsed.message, { semestre: [parsed.message] });
  const semester = parsed.value;
  const db = await getDb();
  // Issued during the semester, or issued before and running during it (not cancelled).
  const selection = Prisma.sql`
    SELECT o.* FROM "PurchaseOrder" o
     WHERE o."status" <> 'DRAFT' AND o."orderDate" IS NOT NULL AND o."orderDate" <= ${semester.to}::date
       AND (o."orderDate" >= ${semester.from}::date
            OR (o."status" <> 'CANCELLED' AND o."startsOn" <= ${semester.to}::date
                AND o."endsOn" >= ${semester.from}::date))`;
  const rows = await db.$queryRaw<SemesterRow[]>`
    WITH sel AS (${selection}),
    lines AS (
      SELECT l."orderId",
             json_agg(json_build_object('label', u."label", 'quantity', l."quantity"::text,
                                        'unit', l."unitPriceHtCents", 'amount', l."amountHtCents"::text)
                      ORDER BY l."position") AS detail,
             SUM(l."orderedDays") AS ordered, SUM(l."consumedDays") AS consumed,
             SUM(l."certifiedDays") AS certified
        FROM "OrderLine" l JOIN "UoType" u ON u."id" = l."uoTypeId" JOIN sel ON sel."id" = l."orderId"
       GROUP BY l."orderId"
    ),
    sfs AS (
      SELECT s."orderId",
             json_agg(json_build_object('number', s."number", 'decidedOn', s."decidedOn",
                                        'decision', s."decision", 'certified', s."certifiedHtCents"::text)
                      ORDER BY s."decidedOn", s."number") AS detail,
             SUM(s."certifiedHtCents") AS certified
        FROM "ServiceFait" s JOIN sel ON sel."id" = s."orderId"
       WHERE s."decidedOn" <= ${semester.to}::date
       GROUP BY s."orderId"
    ),
    invs AS (
      SELECT s."orderId",
             json_agg(json_build_object('number', i."number", 'receivedOn', i."receivedOn",
                                        'ht', i."amountHtCents"::text, 'ttc', i."amountTtcCents"::text,
                                        'paidOn', CASE WHEN i."paidOn" <= ${semester.to}::date THEN i."paidOn" END)
                      ORDER BY i."receivedOn", i."number") AS detail,
             SUM(i."amountHtCents") AS ht, SUM(i."amountTtcCents") AS ttc,
             SUM(i."amountHtCents") FILTER (WHERE i."paidOn" <= ${semester.to}::date) AS "paidHt",
             SUM(i."amountTtcCents") FILTER (WHERE i."paidOn" <= ${semester.to}::date) AS "paidTtc"
        FROM "Invoice" i
        JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
        JOIN sel ON sel."id" = s."orderId"
       WHERE i."receivedOn" <= ${semester.to}::date
       GROUP BY s."orderId"
    )
    SELECT o."id", o."number", o."orderDate", o."status", co."number" AS "correctsNumber",
           b."name" AS beneficiary, c."name" AS contractor, p."name" AS product,
           o."startsOn", o."endsOn", o."totalHtCents", o."totalTtcCents", o."committedHtCents",
           lines.detail AS "lineDetail",
           CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(lines.ordered, 0) END AS "orderedDays",
           CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(lines.consumed, 0) END AS "consumedDays",
           CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(lines.certified, 0) END AS "certifiedDays",
           sfs.detail AS "sfDetail", COALESCE(sfs.certified, 0)::bigint AS "certifiedHtCents",
           invs.detail AS "invoiceDetail",
           COALESCE(invs.ht, 0)::bigint AS "invoicedHtCents", COALESCE(invs.ttc, 0)::bigint AS "invoicedTtcCents",
           COALESCE(invs."paidHt", 0)::bigint AS "paidHtCents", COALESCE(invs."paidTtc", 0)::bigint AS "paidTtcCents"
      FROM sel o
      JOIN "Beneficiary" b ON b."id" = o."beneficiaryId"
      JOIN "Contractor" c ON c."id" = o."contractorId"
      JOIN "Product" p ON p."id" = o."productId"
      LEFT JOIN "PurchaseOrder" co ON co."id" = o."correctsOrderId"
      LEFT JOIN lines ON lines."orderId" = o."id"
      LEFT JOIN sfs ON sfs."orderId" = o."id"
      LEFT JOIN invs ON invs."orderId" = o."id"
     ORDER BY o."orderDate", o."number"`;
  const [summary] = await db.$queryRaw<Array<Omit<ReportSummary, "count"> & { count: bigint }>>`
    WITH sel AS (${selection})
    SELECT COUNT(*) AS count,
           COALESCE(SUM(o."totalHtCents"), 0)::bigint AS "totalHtCents",
           COALESCE(SUM(o."totalTtcCents"), 0)::bigint AS "totalTtcCents",
           COALESCE(SUM(o."committedHtCents"), 0)::bigint AS "committedHtCents",
           (SELECT COALESCE(SUM(s."certifiedHtCents"), 0) FROM "ServiceFait" s JOIN sel ON sel."id" = s."orderId"
             WHERE s."decidedOn" <= ${semester.to}::date)::bigint AS "certifiedHtCents",
           (SELECT COALESCE(SUM(i."amountHtCents"), 0) FROM "Invoice" i
              JOIN "ServiceFait" s ON s."id" = i."serviceFaitId" JOIN sel ON sel."id" = s."orderId"
             WHERE i."receivedOn" <= ${semester.to}::date)::bigint AS "invoicedHtCents",
           (SELECT COALESCE(SUM(i."amountHtCents"), 0) FROM "Invoice" i
              JOIN "ServiceFait" s ON s."id" = i."serviceFaitId" JOIN sel ON sel."id" = s."orderId"
             WHERE i."receivedOn" <= ${semester.to}::date AND i."paidOn" <= ${semester.to}::date)::bigint
             AS "paidHtCents"
      FROM sel o`;
  const table: Table = {
    name: `rapport-semestriel-${semester.key}`,
    title: `Rapport semestriel des commandes – ${semester.label}`,
    columns: SEMESTER_COLUMNS,
    rows: rows.map((r) => ({
      number: r.number,
      orderDate: r.orderDate,
      status: ORDER_STATUS_LABELS[r.status],
      corrects: r.correctsNumber,
      beneficiary: r.beneficiary,
      contractor: r.contractor,
      product: r.product,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      totalHt: r.totalHtCents,
      totalTtc: r.totalTtcCents,
      committedHt: r.committedHtCents,
      uoDetail: (r.lineDetail ?? [])
        .map(
          (l) =>
            `${l.label} : ${l.quantity.replace(".", ",")} UO` +
            (l.unit === null || l.amount === null
              ? ""
              : ` × ${formatEuros(l.unit)} = ${formatEuros(BigInt(l.amount))} HT`),
        )
        .join(" ; "),
      orderedDays: frDecimal(r.orderedDays),
      consumedDays: frDecimal(r.consumedDays),
      certifiedDays: frDecimal(r.certifiedDays),
      serviceFaits: (r.sfDetail ?? [])
        .map(
          (s) =>
            `${s.number} du ${frDate(s.decidedOn)} (${DECISION_LABELS[s.decision] ?? s.decision}, ${formatEuros(BigInt(s.certified))} HT)`,
        )
        .join(" ; "),
      certifiedHt: r.certifiedHtCents,
      invoices: (r.invoiceDetail ?? [])
        .map(
          (i) =>
            `${i.number} reçue le ${frDate(i.receivedOn)} : ${formatEuros(BigInt(i.ht))} HT, ${formatEuros(BigInt(i.ttc))} TTC, ${i.paidOn ? `payée le ${frDate(i.paidOn)}` : "non payée"}`,
        )
        .join(" ; "),
      invoicedHt: r.invoicedHtCents,
      invoicedTtc: r.invoicedTtcCents,
      paidHt: r.paidHtCents,
      paidTtc: r.paidTtcCents,
    })),
  };
  return {
    semester,
    table,
    summary: {
      count: Number(summary?.count ?? 0n),
      totalHtCents: summary?.totalHtCents ?? 0n,
      totalTtcCents: summary?.totalTtcCents ?? 0n,
      committedHtCents: summary?.committedHtCents ?? 0n,
      certifiedHtCents: summary?.certifiedHtCents ?? 0n,
      invoicedHtCents: summary?.invoicedHtCents ?? 0n,
      paidHtCents: summary?.paidHtCents ?? 0n,
    },
  };
}

export const QUARTERLY_TABLES = ["commandes", "profils", "synthese"] as const;
export type QuarterlyTableKey = (typeof QUARTERLY_TABLES)[number];

export type QuarterlyReport = {
  quarter: Quarter;
  contractor: { id: string; name: string };
  /** The day the "pending acknowledgement" state is read at: the quarter's end, or today. */
  asOf: string;
  tables: Record<QuarterlyTableKey, Table>;
};

type QuarterlyOrderRow = {
  number: string | null;
  product: string;
  beneficiary: string;
  orderDate: Date;
  status: OrderStatusName;
  correctsNumber: string | null;
  acknowledgedOn: Date | null;
  pending: boolean;
  ackDelay: number | null;
  firstReportedDay: Date | null;
  firstDelay: number | null;
  orderedDays: { toString(): string } | null;
  consumedDays: { toString(): string } | null;
  certifiedDays: { toString(): string } | null;
};

type ProfileRow = {
  label: string | null;
  staffers: bigint;
  days: { toString(): string } | null;
};

type SynthesisRow = {
  pending: bigint;
  ackCount: bigint;
  ackAvg: { toString(): string } | null;
  firstCount: bigint;
  firstAvg: { toString(): string } | null;
  payCount: bigint;
  payAvg: { toString(): string } | null;
};

function slug(s: string): string {
  return (
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "titulaire"
  );
}

/**
 * The quarterly report a contractor owes DINUM: profiles provided and validated days per
 * profile, each order's status (with acknowledgement pending or not at the quarter's end)
 * and the average delays — issue → acknowledgement (orders acknowledged in the quarter),
 * issue → first reported day (orders whose first reported day falls in the quarter),
 * service fait → payment (invoices paid in the quarter). DINUM reads any contractor's; a
 * contractor only its own (policies.ts), asked for or not.
 */
export async function getQuarterlyReport({
  actor,
  quarter: rawQuarter,
  contractorId: requested,
  today = todayIso(),
}: {
  actor: Actor;
  /** "2026-T4"; empty: the current quarter. */
  quarter?: string;
  /** DINUM: the contractor to report on. A contractor: its own (anything else: not found). */
  contractorId?: string | null;
  today?: string;
}): Promise<QuarterlyReport | { choose: true; quarter: Quarter }> {
  const asked = requested?.trim() ? requested.trim() : null;
  const scope = quarterlyReportContractor(actor, asked);
  if (scope === null) throw notFound("Ce rapport trimestriel");
  const parsed = parseQuarter(rawQuarter?.trim() || quarterOf(today));
  if (!parsed.ok) throw validation(parsed.message, { trimestre: [parsed.message] });
  const quarter = parsed.value;
  if (scope === "choose") return { choose: true, quarter };
  if (!isUuid(scope)) {
    throw validation("Le titulaire demandé n'existe pas.", { titulaire: ["Ce titulaire n'existe pas."] });
  }
  const db = await getDb();
  const contractor = await db.contractor.findUnique({
    where: { id: scope },
    select: { id: true, name: true },
  });
  if (!contractor) {
    throw validation("Le titulaire demandé n'existe pas.", { titulaire: ["Ce titulaire n'existe pas."] });
  }
  const asOf = quarter.to < today ? quarter.to : today;
  // Instants of the quarter in Paris: [start 00:00, day after the end 00:00).
  const [orders, profiles, [synthesis]] = await Promise.all([
    db.$queryRaw<QuarterlyOrderRow[]>`
      WITH bounds AS (
        SELECT (${quarter.from}::date::timestamp AT TIME ZONE 'Europe/Paris') AS starts,
               LEAST(now(), ((${quarter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')) AS as_of
      ),
      sel AS (
        SELECT o.* FROM "PurchaseOrder" o, bounds
         WHERE o."contractorId" = ${contractor.id}::uuid AND o."issuedAt" IS NOT NULL
           AND o."orderDate" <= ${quarter.to}::date
           AND (o."cancelledAt" IS NULL OR o."cancelledAt" >= bounds.starts)
           AND (o."closedAt" IS NULL OR o."closedAt" >= bounds.starts)
      ),
      days AS (
        SELECT l."orderId", SUM(l."orderedDays") AS ordered, SUM(l."consumedDays") AS consumed,
               SUM(l."certifiedDays") AS certified
          FROM "OrderLine" l JOIN sel ON sel."id" = l."orderId" GROUP BY l."orderId"
      ),
      first_day AS (
        SELECT r."orderId", MIN(GREATEST(e."month", o."startsOn", a."startsOn")) AS day
          FROM "ActivityEntry" e
          JOIN "ActivityReport" r ON r."id" = e."reportId"
          JOIN "Assignment" a ON a."id" = e."assignmentId"
          JOIN sel o ON o."id" = r."orderId"
         WHERE r."status" IN ('SUBMITTED', 'VALIDATED') AND r."adjustsReportId" IS NULL AND e."days" > 0
         GROUP BY r."orderId"
      )
      SELECT o."number", p."name" AS product, b."name" AS beneficiary, o."orderDate", o."status",
             co."number" AS "correctsNumber",
             (o."acknowledgedAt" AT TIME ZONE 'Europe/Paris')::date AS "acknowledgedOn",
             (o."issuedAt" <= bounds.as_of AND (o."acknowledgedAt" IS NULL OR o."acknowledgedAt" > bounds.as_of)
               AND (o."cancelledAt" IS NULL OR o."cancelledAt" > bounds.as_of)) AS pending,
             ((o."acknowledgedAt" AT TIME ZONE 'Europe/Paris')::date - o."orderDate") AS "ackDelay",
             f.day AS "firstReportedDay", (f.day - o."orderDate") AS "firstDelay",
             CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(d.ordered, 0) END AS "orderedDays",
             CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(d.consumed, 0) END AS "consumedDays",
             CASE WHEN o."correctsOrderId" IS NULL THEN COALESCE(d.certified, 0) END AS "certifiedDays"
        FROM sel o
        CROSS JOIN bounds
        JOIN "Product" p ON p."id" = o."productId"
        JOIN "Beneficiary" b ON b."id" = o."beneficiaryId"
        LEFT JOIN "PurchaseOrder" co ON co."id" = o."correctsOrderId"
        LEFT JOIN days d ON d."orderId" = o."id"
        LEFT JOIN first_day f ON f."orderId" = o."id"
       ORDER BY o."orderDate", o."number"`,
    db.$queryRaw<ProfileRow[]>`
      SELECT u."label", COUNT(DISTINCT e."stafferId") AS staffers, SUM(e."days") AS days
        FROM "ActivityEntry" e
        JOIN "ActivityReport" r ON r."id" = e."reportId"
        JOIN "OrderLine" l ON l."id" = e."orderLineId"
        JOIN "PurchaseOrder" o ON o."id" = l."orderId"
        JOIN "UoType" u ON u."id" = l."uoTypeId"
       WHERE o."contractorId" = ${contractor.id}::uuid AND r."status" = 'VALIDATED'
         AND e."month" BETWEEN ${quarter.from}::date AND ${quarter.to}::date
       GROUP BY ROLLUP ((u."id", u."label", u."sortOrder"))
       ORDER BY GROUPING(u."id", u."label", u."sortOrder"), u."sortOrder", u."label"`,
    db.$queryRaw<SynthesisRow[]>`
      WITH bounds AS (
        SELECT (${quarter.from}::date::timestamp AT TIME ZONE 'Europe/Paris') AS starts,
               ((${quarter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris') AS ends,
               LEAST(now(), ((${quarter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')) AS as_of
      ),
      mine AS (
        SELECT o.* FROM "PurchaseOrder" o WHERE o."contractorId" = ${contractor.id}::uuid AND o."issuedAt" IS NOT NULL
      ),
      first_day AS (
        SELECT r."orderId", MIN(GREATEST(e."month", o."startsOn", a."startsOn")) AS day
          FROM "ActivityEntry" e
          JOIN "ActivityReport" r ON r."id" = e."reportId"
          JOIN "Assignment" a ON a."id" = e."assignmentId"
          JOIN mine o ON o."id" = r."orderId"
         WHERE r."status" IN ('SUBMITTED', 'VALIDATED') AND r."adjustsReportId" IS NULL AND e."days" > 0
         GROUP BY r."orderId"
      )
      SELECT
        (SELECT COUNT(*) FROM mine o, bounds
          WHERE o."issuedAt" <= bounds.as_of
            AND (o."acknowledgedAt" IS NULL OR o."acknowledgedAt" > bounds.as_of)
            AND (o."cancelledAt" IS NULL OR o."cancelledAt" > bounds.as_of)) AS pending,
        COUNT(*) FILTER (WHERE o."acknowledgedAt" >= bounds.starts AND o."acknowledgedAt" < bounds.ends) AS "ackCount",
        round(AVG((o."acknowledgedAt" AT TIME ZONE 'Europe/Paris')::date - o."orderDate")
              FILTER (WHERE o."acknowledgedAt" >= bounds.starts AND o."acknowledgedAt" < bounds.ends), 1) AS "ackAvg",
        COUNT(*) FILTER (WHERE f.day BETWEEN ${quarter.from}::date AND ${quarter.to}::date) AS "firstCount",
        round(AVG(f.day - o."orderDate")
              FILTER (WHERE f.day BETWEEN ${quarter.from}::date AND ${quarter.to}::date), 1) AS "firstAvg",
        (SELECT COUNT(*) FROM "Invoice" i
          WHERE i."contractorId" = ${contractor.id}::uuid
            AND i."paidOn" BETWEEN ${quarter.from}::date AND ${quarter.to}::date) AS "payCount",
        (SELECT round(AVG(i."paidOn" - s."decidedOn"), 1) FROM "Invoice" i
           JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
          WHERE i."contractorId" = ${contractor.id}::uuid
            AND i."paidOn" BETWEEN ${quarter.from}::date AND ${quarter.to}::date) AS "payAvg"
        FROM mine o CROSS JOIN bounds LEFT JOIN first_day f ON f."orderId" = o."id"`,
  ]);
  const base = `rapport-trimestriel-${quarter.key}-${slug(contractor.name)}`;
  const s = synthesis as SynthesisRow;
  const days = (v: { toString(): string } | null) => (v === null ? null : v.toString());
  return {
    quarter,
    contractor,
    asOf,
    tables: {
      commandes: {
        name: `${base}-commandes`,
        title: `Commandes – ${quarter.label}`,
        columns: [
          { key: "number", label: "N° de bon de commande" },
          { key: "corrects", label: "Modifie le bon de commande" },
          { key: "product", label: "Produit" },
          { key: "beneficiary", label: "Bénéficiaire" },
          { key: "orderDate", label: "Date de commande", kind: "date" },
          { key: "status", label: "Statut actuel" },
          { key: "pending", label: "En attente d'accusé de réception" },
          { key: "acknowledgedOn", label: "Accusé de réception le", kind: "date" },
          { key: "ackDelay", label: "Délai émission → accusé de réception (jours)", kind: "integer" },
          { key: "firstReportedDay", label: "Premier jour déclaré", kind: "date" },
          { key: "firstDelay", label: "Délai émission → premier jour déclaré (jours)", kind: "integer" },
          { key: "orderedDays", label: "Jours commandés", kind: "decimal" },
          { key: "consumedDays", label: "Jours consommés (validés)", kind: "decimal" },
          { key: "certifiedDays", label: "Jours certifiés", kind: "decimal" },
        ],
        rows: orders.map((o) => ({
          number: o.number,
          corrects: o.correctsNumber,
          product: o.product,
          beneficiary: o.beneficiary,
          orderDate: o.orderDate,
          status: ORDER_STATUS_LABELS[o.status],
          pending: o.pending ? "Oui" : "Non",
          acknowledgedOn: o.acknowledgedOn,
          ackDelay: o.ackDelay,
          firstReportedDay: o.firstReportedDay,
          firstDelay: o.firstDelay,
          orderedDays: days(o.orderedDays),
          consumedDays: days(o.consumedDays),
          certifiedDays: days(o.certifiedDays),
        })),
      },
      profils: {
        name: `${base}-profils`,
        title: `Profils – ${quarter.label}`,
        columns: [
          { key: "profile", label: "Profil (unité d'œuvre)" },
          { key: "staffers", label: "Intervenants", kind: "integer" },
          { key: "days", label: "Jours validés", kind: "decimal" },
        ],
        rows: profiles
          .filter((p) => p.days !== null)
          .map((p) => ({
            profile: p.label ?? "Total (intervenants distincts)",
            staffers: Number(p.staffers),
            days: days(p.days),
          })),
      },
      synthese: {
        name: `${base}-synthese`,
        title: `Synthèse – ${quarter.label}`,
        columns: [
          { key: "indicator", label: "Indicateur" },
          { key: "value", label: "Valeur", kind: "decimal" },
          { key: "count", label: "Nombre de cas", kind: "integer" },
        ],
        rows: [
          {
            indicator: `Commandes en attente d'accusé de réception au ${frDate(asOf)}`,
            value: String(s.pending),
            count: Number(s.pending),
          },
          {
            indicator: "Délai moyen émission → accusé de réception (jours)",
            value: days(s.ackAvg),
            count: Number(s.ackCount),
          },
          {
            indicator: "Délai moyen émission → premier jour déclaré (jours)",
            value: days(s.firstAvg),
            count: Number(s.firstCount),
          },
          {
            indicator: "Délai moyen service fait → paiement (jours)",
            value: days(s.payAvg),
            count: Number(s.payCount),
          },
        ],
      },
    },
  };
}
