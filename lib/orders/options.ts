// The choices the order screens offer: the list's filter options and the order form's
// products, contractors with their prices in force, UO catalogue and defaults. Small reads,
// scoped from the actor's membership like every other query.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { canManageOrder } from "./policies";

export type OrderFilterOptions = {
  products: Array<{ id: string; name: string }>;
  contractors: Array<{ id: string; name: string }>;
  /** Names behind the dashboard's drill-down filters (a beneficiary sees only its own). */
  beneficiaries: Array<{ id: string; name: string }>;
  uoTypes: Array<{ id: string; label: string }>;
};

/** Products in the caller's scope (a beneficiary: its own) and the active contractors. */
export async function listOrderFilterOptions({ actor }: { actor: Actor }): Promise<OrderFilterOptions> {
  if (!can(actor, "order:readAll") && !can(actor, "order:readOwn")) throw forbidden();
  const m = actor.membership;
  const productWhere = m.role === "BENEFICIARY" ? { beneficiaryId: m.beneficiaryId as string } : {};
  const db = await getDb();
  const [products, contractors, beneficiaries, uoTypes] = await Promise.all([
    db.product.findMany({
      where: productWhere,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.contractor.findMany({
      where: { active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.beneficiary.findMany({
      where: m.role === "BENEFICIARY" ? { id: m.beneficiaryId as string } : {},
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.uoType.findMany({
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, label: true },
    }),
  ]);
  return { products, contractors, beneficiaries, uoTypes };
}

export type OrderFormOptions = {
  today: string;
  products: Array<{ id: string; name: string; kind: "STARTUP_ETAT" | "DINUM_PRODUCT" }>;
  contractors: Array<{
    id: string;
    name: string;
    /** Number of the validated version in force today, or null when it has none. */
    versionNumber: number | null;
    /** Unit price HT in cents per UO type id, from that version. */
    prices: Record<string, number>;
  }>;
  uoTypes: Array<{ id: string; code: string; label: string; daysPerUnit: number; deliverables: string }>;
  agreement: { reference: string; startsOn: string; endsOn: string; vatRateBp: number };
  beneficiary: { name: string; billingAddress: string; chorusServiceCode: string };
};

/**
 * What the order form needs. Only for those who may order for their organisation; a
 * non-DINUM organisation only sees its Startups d'État (rule 1, CCTP §1.2–1.3). The prices
 * shown are an estimate: the price frozen on each line is the one in force on issue day.
 */
export async function getOrderFormOptions({ actor }: { actor: Actor }): Promise<OrderFormOptions> {
  const beneficiaryId = actor.membership.beneficiaryId;
  if (!beneficiaryId || !canManageOrder(actor, { beneficiaryId })) throw forbidden();
  const today = todayIso();
  const db = await getDb();
  const agreement = await db.frameworkAgreement.findFirst({
    orderBy: [{ startsOn: "desc" }, { createdAt: "asc" }],
    select: { id: true, reference: true, startsOn: true, endsOn: true, vatRateBp: true },
  });
  if (!agreement) throw notFound("L'accord-cadre");
  const [beneficiary, products, contractors, uoTypes] = await Promise.all([
    db.beneficiary.findUniqueOrThrow({
      where: { id: beneficiaryId },
      select: { name: true, billingAddress: true, chorusServiceCode: true },
    }),
    db.product.findMany({
      where: {
        beneficiaryId,
        ...(actor.membership.isDinumOrganisation ? {} : { kind: "STARTUP_ETAT" as const }),
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, kind: true },
    }),
    db.contractor.findMany({
      where: { active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        priceSchedules: {
          where: { agreementId: agreement.id },
          select: {
            versions: {
              where: { status: "VALIDATED", effectiveOn: { lte: isoToDate(today) } },
              orderBy: { effectiveOn: "desc" },
              take: 1,
              select: { number: true, items: { select: { uoTypeId: true, unitPriceHtCents: true } } },
            },
          },
        },
      },
    }),
    db.uoType.findMany({
      where: { agreementId: agreement.id, active: true },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, code: true, label: true, daysPerUnit: true, deliverables: true },
    }),
  ]);
  return {
    today,
    products,
    contractors: contractors.map((c) => {
      const v = c.priceSchedules[0]?.versions[0];
      return {
        id: c.id,
        name: c.name,
        versionNumber: v?.number ?? null,
        prices: Object.fromEntries((v?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents])),
      };
    }),
    uoTypes: uoTypes.map((u) => ({ ...u, deliverables: u.deliverables.map((d) => `- ${d}`).join("\n") })),
    agreement: {
      reference: agreement.reference,
      startsOn: dateToIso(agreement.startsOn),
      endsOn: dateToIso(agreement.endsOn),
      vatRateBp: agreement.vatRateBp,
    },
    beneficiary,
  };
}
