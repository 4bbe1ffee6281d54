import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { canReadProduct } from "@/lib/products/policies";
import { isUuid } from "@/lib/validation";
import { canManageIndicators, canSeeProductSpend } from "./policies";
import { costPerActiveUserCents, isMonth, monthToIso, twelveMonthWindow } from "./rules";

export type IndicatorRow = {
  id: string;
  /** "YYYY-MM" */
  month: string;
  monthlyActiveUsers: number;
  satisfactionTenths: number | null;
  version: number;
};

const indicatorSelect = {
  id: true,
  month: true,
  monthlyActiveUsers: true,
  satisfactionTenths: true,
  version: true,
} as const;

const toRow = (r: {
  id: string;
  month: Date;
  monthlyActiveUsers: number;
  satisfactionTenths: number | null;
  version: number;
}): IndicatorRow => ({ ...r, month: dateToIso(r.month).slice(0, 7) });

export type ProductImpact = {
  /** Most recent first, at most twelve months. */
  indicators: IndicatorRow[];
  latest: IndicatorRow | null;
  /** Null when the actor may not see the product's spend (see canSeeProductSpend). */
  spend: {
    window: { afterExclusive: string; untilInclusive: string };
    certifiedHtCents: bigint;
    /** Null when not computable (no indicator, or no active user). */
    costPerActiveUserCents: bigint | null;
  } | null;
  canManage: boolean;
};

/**
 * The impact block of the product page: last indicators and the cost per active user =
 * certified spend of the last twelve months (service fait decided in the window, every order
 * of the product) ÷ the latest month's active users.
 */
export async function getProductImpact({
  actor,
  productId,
}: {
  actor: Actor;
  productId: string;
}): Promise<ProductImpact> {
  if (!isUuid(productId)) throw notFound("Ce produit");
  const db = await getDb();
  const product = await db.product.findUnique({ where: { id: productId }, select: { beneficiaryId: true } });
  if (!product || !canReadProduct(actor, product)) throw notFound("Ce produit");
  const rows = await db.productIndicator.findMany({
    where: { productId },
    orderBy: { month: "desc" },
    take: 12,
    select: indicatorSelect,
  });
  const indicators = rows.map(toRow);
  const latest = indicators[0] ?? null;
  let spend: ProductImpact["spend"] = null;
  if (canSeeProductSpend(actor, product)) {
    const window = twelveMonthWindow(todayIso());
    const sum = await db.serviceFait.aggregate({
      where: {
        order: { productId },
        decidedOn: { gt: isoToDate(window.afterExclusive), lte: isoToDate(window.untilInclusive) },
      },
      _sum: { certifiedHtCents: true },
    });
    const certifiedHtCents = sum._sum.certifiedHtCents ?? 0n;
    spend = {
      window,
      certifiedHtCents,
      costPerActiveUserCents: latest
        ? costPerActiveUserCents(certifiedHtCents, latest.monthlyActiveUsers)
        : null,
    };
  }
  return { indicators, latest, spend, canManage: canManageIndicators(actor, product) };
}

/**
 * The indicators page of a product, for its team only (others: "not found"). `month`
 * ("YYYY-MM") picks the month to edit; an unknown or odd month means a new entry.
 */
export async function getIndicatorsForm({
  actor,
  productId,
  month,
}: {
  actor: Actor;
  productId: string;
  month?: string;
}) {
  if (!isUuid(productId)) throw notFound("Ce produit");
  const db = await getDb();
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { id: true, name: true, beneficiaryId: true },
  });
  if (!product || !canReadProduct(actor, product)) throw notFound("Ce produit");
  if (!canManageIndicators(actor, product)) throw forbidden();
  const rows = await db.productIndicator.findMany({
    where: { productId },
    orderBy: { month: "desc" },
    take: 36,
    select: indicatorSelect,
  });
  const editing =
    month && isMonth(month)
      ? await db.productIndicator.findUnique({
          where: { productId_month: { productId, month: isoToDate(monthToIso(month)) } },
          select: indicatorSelect,
        })
      : null;
  return {
    product: { id: product.id, name: product.name },
    indicators: rows.map(toRow),
    editing: editing ? toRow(editing) : null,
    today: todayIso(),
  };
}
