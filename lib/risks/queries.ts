import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { type Actor, can } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { PAGE_SIZE, type Page, skipTake, toPage } from "@/lib/pagination";
import { canReadProduct } from "@/lib/products/policies";
import { isUuid } from "@/lib/validation";
import { canEditRisk, canRecordRisks, canSeeRisk, RISK_ELIGIBLE_ORDER_STATUSES } from "./policies";
import {
  type RiskLevelName,
  type RiskStatusName,
  SEVERITY_BAND_RANGES,
  severityOf,
  severitySql,
} from "./rules";
import type { RiskFilters } from "./schemas";

const SEVERITY = Prisma.raw(severitySql("r"));

/** The risks the actor may see, as a SQL condition on `r` (Risk) and `p` (its Product). */
function scopeSql(actor: Actor): Prisma.Sql {
  if (can(actor, "risk:readAll")) return Prisma.sql`TRUE`;
  const m = actor.membership;
  if (can(actor, "risk:manageOwn") && m.contractorId)
    return Prisma.sql`r."contractorId" = ${m.contractorId}::uuid`;
  if (can(actor, "product:readOwn") && m.beneficiaryId) {
    return Prisma.sql`p."beneficiaryId" = ${m.beneficiaryId}::uuid`;
  }
  throw forbidden();
}

export type RiskListItem = {
  id: string;
  title: string;
  productId: string;
  productName: string;
  beneficiaryName: string;
  contractorName: string;
  likelihood: RiskLevelName;
  impact: RiskLevelName;
  severity: number;
  status: RiskStatusName;
  owner: string;
  updatedAt: Date;
};

type RiskRow = Omit<RiskListItem, "severity"> & { severity: number | bigint };

const listColumns = Prisma.sql`
  r."id", r."title", r."productId", p."name" AS "productName", b."name" AS "beneficiaryName",
  c."name" AS "contractorName", r."likelihood"::text AS "likelihood", r."impact"::text AS "impact",
  (${SEVERITY})::int AS "severity", r."status"::text AS "status", r."owner", r."updatedAt"`;

const fromRisks = Prisma.sql`
  FROM "Risk" r
  JOIN "Product" p ON p."id" = r."productId"
  JOIN "Beneficiary" b ON b."id" = p."beneficiaryId"
  JOIN "Contractor" c ON c."id" = r."contractorId"`;

const toItem = (r: RiskRow): RiskListItem => ({ ...r, severity: Number(r.severity) });

/** The register, in the actor's scope, filtered, sorted by severity (computed in SQL) by default. */
export async function listRisks({
  actor,
  page,
  filters,
}: {
  actor: Actor;
  page: number;
  filters: RiskFilters;
}): Promise<Page<RiskListItem>> {
  const where: Prisma.Sql[] = [scopeSql(actor)];
  if (filters.status !== "ALL") where.push(Prisma.sql`r."status"::text = ${filters.status}`);
  if (filters.productId) where.push(Prisma.sql`r."productId" = ${filters.productId}::uuid`);
  if (filters.band) {
    const { min, max } = SEVERITY_BAND_RANGES[filters.band];
    where.push(Prisma.sql`(${SEVERITY}) BETWEEN ${min} AND ${max}`);
  }
  const dir = Prisma.raw(filters.dir === "asc" ? "ASC" : "DESC");
  const orderBy =
    filters.sort === "updatedAt"
      ? Prisma.sql`r."updatedAt" ${dir}, r."id"`
      : filters.sort === "product"
        ? Prisma.sql`p."name" ${dir}, "severity" DESC, r."id"`
        : Prisma.sql`"severity" ${dir}, r."updatedAt" DESC, r."id"`;
  const condition = Prisma.join(where, " AND ");
  const { skip, take } = skipTake(page);
  const db = await getDb();
  const [rows, counted] = await Promise.all([
    db.$queryRaw<RiskRow[]>`
      SELECT ${listColumns} ${fromRisks}
      WHERE ${condition}
      ORDER BY ${orderBy}
      LIMIT ${take} OFFSET ${skip}`,
    db.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS "total" ${fromRisks} WHERE ${condition}`,
  ]);
  return toPage(rows.map(toItem), Number(counted[0]?.total ?? 0), page, PAGE_SIZE);
}

/** The open risks of one product the actor may read, most severe first (product page). */
export async function listProductRisks({
  actor,
  productId,
}: {
  actor: Actor;
  productId: string;
}): Promise<RiskListItem[]> {
  if (!isUuid(productId)) throw notFound("Ce produit");
  const db = await getDb();
  const product = await db.product.findUnique({ where: { id: productId }, select: { beneficiaryId: true } });
  if (!product || !canReadProduct(actor, product)) throw notFound("Ce produit");
  const rows = await db.$queryRaw<RiskRow[]>`
    SELECT ${listColumns} ${fromRisks}
    WHERE r."productId" = ${productId}::uuid AND r."status" = 'OPEN' AND ${scopeSql(actor)}
    ORDER BY "severity" DESC, r."updatedAt" DESC, r."id"
    LIMIT 50`;
  return rows.map(toItem);
}

export type RiskDetail = Awaited<ReturnType<typeof getRisk>>;

/** One risk in the actor's scope (else "not found"), with what the actor may do with it. */
export async function getRisk({ actor, id }: { actor: Actor; id: string }) {
  if (!isUuid(id)) throw notFound("Ce risque");
  const db = await getDb();
  const risk = await db.risk.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      likelihood: true,
      impact: true,
      mitigation: true,
      owner: true,
      status: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      contractorId: true,
      contractor: { select: { name: true } },
      product: {
        select: { id: true, name: true, beneficiaryId: true, beneficiary: { select: { name: true } } },
      },
    },
  });
  if (
    !risk ||
    !canSeeRisk(actor, { contractorId: risk.contractorId, productBeneficiaryId: risk.product.beneficiaryId })
  ) {
    throw notFound("Ce risque");
  }
  const timeline = await db.auditEvent.findMany({
    where: { entityType: "Risk", entityId: risk.id },
    orderBy: { occurredAt: "asc" },
    select: { id: true, occurredAt: true, action: true, actorOrgName: true },
  });
  return {
    id: risk.id,
    title: risk.title,
    description: risk.description,
    likelihood: risk.likelihood,
    impact: risk.impact,
    severity: severityOf(risk.likelihood, risk.impact),
    mitigation: risk.mitigation,
    owner: risk.owner,
    status: risk.status,
    version: risk.version,
    createdAt: risk.createdAt,
    updatedAt: risk.updatedAt,
    contractorName: risk.contractor.name,
    product: { id: risk.product.id, name: risk.product.name, beneficiaryName: risk.product.beneficiary.name },
    timeline: timeline.map((e) => ({ ...e, id: e.id.toString() })),
    can: { edit: canEditRisk(actor, risk) },
  };
}

export type ProductOption = { id: string; name: string };

/**
 * Products a company may record risks on: those with an order addressed to it that was
 * issued (not a draft, not cancelled).
 */
export async function listRiskableProducts({ actor }: { actor: Actor }): Promise<ProductOption[]> {
  if (!canRecordRisks(actor)) throw forbidden();
  const db = await getDb();
  return db.product.findMany({
    where: {
      orders: {
        some: {
          contractorId: actor.membership.contractorId as string,
          status: { in: [...RISK_ELIGIBLE_ORDER_STATUSES] },
        },
      },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}

/** Products that have risks in the actor's scope (the list's product filter). */
export async function listRiskFilterProducts({ actor }: { actor: Actor }): Promise<ProductOption[]> {
  const db = await getDb();
  return db.$queryRaw<ProductOption[]>`
    SELECT DISTINCT p."id", p."name" ${fromRisks}
    WHERE ${scopeSql(actor)}
    ORDER BY p."name", p."id"`;
}
