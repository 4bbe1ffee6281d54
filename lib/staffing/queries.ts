import "server-only";
// Reads of staffing, authorization inside: a contractor sees its company's staffers and the
// teams of the orders addressed to it; DINUM sees everything; a beneficiary's correspondent
// sees the teams of its organisation's orders and the people on them. Anything else is
// "not found".
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, can } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { canSeeOrder } from "@/lib/orders/policies";
import type { OrderStatusName } from "@/lib/orders/rules";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import { canListStaffers, canManageStaffer, canSeeStaffer, canStaffOrder } from "./policies";
import { isStaffableOrder, type StafferStatusName } from "./rules";
import type { StafferFilters } from "./schemas";

export type StafferListItem = {
  id: string;
  fullName: string;
  email: string;
  profile: string;
  status: StafferStatusName;
  subcontractorName: string | null;
  betaUsername: string | null;
  active: boolean;
  contractorName: string;
  /** Assignments that end today or later. */
  currentAssignments: number;
};

export async function listStaffers({
  actor,
  page,
  filters,
}: {
  actor: Actor;
  page: number;
  filters: StafferFilters;
}): Promise<Page<StafferListItem>> {
  if (!canListStaffers(actor)) throw forbidden();
  const all = can(actor, "staffing:readAll");
  const q = filters.q;
  const where: Prisma.StafferWhereInput = {
    AND: [
      all ? {} : { contractorId: actor.membership.contractorId as string },
      all && filters.contractorId ? { contractorId: filters.contractorId } : {},
      q
        ? {
            OR: [
              { fullName: { contains: q, mode: "insensitive" } },
              { email: { contains: q, mode: "insensitive" } },
              { betaUsername: { contains: q, mode: "insensitive" } },
              { subcontractorName: { contains: q, mode: "insensitive" } },
            ],
          }
        : {},
      filters.uoTypeId ? { uoTypeId: filters.uoTypeId } : {},
      filters.status ? { status: filters.status } : {},
      filters.active === "tous" ? {} : { active: filters.active === "actifs" },
    ],
  };
  const today = isoToDate(todayIso());
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.staffer.count({ where }),
    db.staffer.findMany({
      where,
      orderBy: [{ fullName: "asc" }, { id: "asc" }],
      ...skipTake(page),
      select: {
        id: true,
        fullName: true,
        email: true,
        status: true,
        subcontractorName: true,
        betaUsername: true,
        active: true,
        uoType: { select: { label: true } },
        contractor: { select: { name: true } },
        _count: { select: { assignments: { where: { endsOn: { gte: today } } } } },
      },
    }),
  ]);
  return toPage(
    rows.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      email: r.email,
      profile: r.uoType.label,
      status: r.status,
      subcontractorName: r.subcontractorName,
      betaUsername: r.betaUsername,
      active: r.active,
      contractorName: r.contractor.name,
      currentAssignments: r._count.assignments,
    })),
    total,
    page,
  );
}

export type StafferOptions = {
  /** Profiles a staffer may have: the active UO types of the agreement in force. */
  profiles: Array<{ id: string; label: string }>;
  /** DINUM only: the companies, to filter the list. */
  contractors: Array<{ id: string; name: string }>;
};

/** What the staffer list's filters and the staffer form need. */
export async function getStafferOptions({ actor }: { actor: Actor }): Promise<StafferOptions> {
  if (!canListStaffers(actor)) throw forbidden();
  const db = await getDb();
  const agreement = await db.frameworkAgreement.findFirst({
    orderBy: [{ startsOn: "desc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  const [profiles, contractors] = await Promise.all([
    agreement
      ? db.uoType.findMany({
          where: { agreementId: agreement.id, active: true },
          orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
          select: { id: true, label: true },
        })
      : [],
    can(actor, "staffing:readAll")
      ? db.contractor.findMany({
          orderBy: [{ name: "asc" }, { id: "asc" }],
          select: { id: true, name: true },
        })
      : [],
  ]);
  return { profiles, contractors };
}

export type StafferAssignment = {
  id: string;
  orderId: string;
  orderNumber: string | null;
  orderStatus: OrderStatusName;
  productName: string;
  lineLabel: string;
  startsOn: string;
  endsOn: string;
  rampUpDays: string;
  replaces: string | null;
  replacedBy: string | null;
};

export type StafferDetail = {
  id: string;
  fullName: string;
  email: string;
  uoTypeId: string;
  profile: string;
  status: StafferStatusName;
  subcontractorName: string | null;
  betaUsername: string | null;
  active: boolean;
  version: number;
  contractorName: string;
  /** Most recent first; for a beneficiary, only those on its organisation's orders. */
  assignments: StafferAssignment[];
  /** Assignments that end today or later (deactivating waits for them to end). */
  currentAssignments: number;
  can: { manage: boolean };
};

export async function getStaffer({ actor, id }: { actor: Actor; id: string }): Promise<StafferDetail> {
  if (!isUuid(id)) throw notFound("Cet intervenant");
  const db = await getDb();
  const s = await db.staffer.findUnique({
    where: { id },
    select: {
      id: true,
      contractorId: true,
      fullName: true,
      email: true,
      uoTypeId: true,
      status: true,
      subcontractorName: true,
      betaUsername: true,
      active: true,
      version: true,
      uoType: { select: { label: true } },
      contractor: { select: { name: true } },
      assignments: {
        orderBy: [{ startsOn: "desc" }, { id: "asc" }],
        select: {
          id: true,
          startsOn: true,
          endsOn: true,
          rampUpDays: true,
          order: {
            select: {
              id: true,
              number: true,
              status: true,
              beneficiaryId: true,
              contractorId: true,
              product: { select: { name: true } },
            },
          },
          line: { select: { uoType: { select: { label: true } } } },
          replaces: { select: { staffer: { select: { fullName: true } } } },
          replacedBy: { select: { staffer: { select: { fullName: true } } } },
        },
      },
    },
  });
  const scope = s && {
    contractorId: s.contractorId,
    orderBeneficiaryIds: s.assignments.map((a) => a.order.beneficiaryId),
  };
  if (!s || !scope || !canSeeStaffer(actor, scope)) throw notFound("Cet intervenant");
  const manage = canManageStaffer(actor, s);
  // A beneficiary sees the person's work on its own organisation's orders only.
  const visible = s.assignments.filter((a) => canSeeOrder(actor, a.order));
  const today = todayIso();
  return {
    id: s.id,
    fullName: s.fullName,
    email: s.email,
    uoTypeId: s.uoTypeId,
    profile: s.uoType.label,
    status: s.status,
    subcontractorName: s.subcontractorName,
    betaUsername: s.betaUsername,
    active: s.active,
    version: s.version,
    contractorName: s.contractor.name,
    assignments: visible.map((a) => ({
      id: a.id,
      orderId: a.order.id,
      orderNumber: a.order.number,
      orderStatus: a.order.status,
      productName: a.order.product.name,
      lineLabel: a.line.uoType.label,
      startsOn: dateToIso(a.startsOn),
      endsOn: dateToIso(a.endsOn),
      rampUpDays: a.rampUpDays.toString(),
      replaces: a.replaces?.staffer.fullName ?? null,
      replacedBy: a.replacedBy?.staffer.fullName ?? null,
    })),
    currentAssignments: s.assignments.filter((a) => dateToIso(a.endsOn) >= today).length,
    can: { manage },
  };
}

export type TeamAssignment = {
  id: string;
  version: number;
  staffer: {
    id: string;
    fullName: string;
    status: StafferStatusName;
    subcontractorName: string | null;
    betaUsername: string | null;
  };
  startsOn: string;
  endsOn: string;
  rampUpDays: string;
  replaces: { id: string; fullName: string } | null;
  replacedBy: { id: string; fullName: string; startsOn: string } | null;
};

export type TeamLine = {
  id: string;
  position: number;
  label: string;
  uoTypeId: string;
  orderedDays: string;
  assignments: TeamAssignment[];
};

export type OrderTeam = {
  order: {
    id: string;
    number: string | null;
    status: OrderStatusName;
    productName: string;
    beneficiaryName: string;
    contractorName: string;
    startsOn: string;
    endsOn: string;
  };
  lines: TeamLine[];
  /** The contractor's active staffers, to assign or to bring in as replacements. */
  staffers: Array<{ id: string; fullName: string; uoTypeId: string }>;
  can: { manage: boolean };
  /** The contractor of the order, who could staff it once it is staffable. */
  isOrderContractor: boolean;
};

/** The team of an (original) order: its lines and who works on each, for when. */
export async function getOrderTeam({
  actor,
  orderId,
}: {
  actor: Actor;
  orderId: string;
}): Promise<OrderTeam> {
  if (!isUuid(orderId)) throw notFound("Ce bon de commande");
  const db = await getDb();
  const order = await db.purchaseOrder.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      beneficiaryId: true,
      contractorId: true,
      correctsOrderId: true,
      startsOn: true,
      endsOn: true,
      product: { select: { name: true } },
      beneficiary: { select: { name: true } },
      contractor: { select: { name: true } },
      lines: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          uoTypeId: true,
          orderedDays: true,
          uoType: { select: { label: true } },
        },
      },
      assignments: {
        orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          version: true,
          orderLineId: true,
          startsOn: true,
          endsOn: true,
          rampUpDays: true,
          staffer: {
            select: { id: true, fullName: true, status: true, subcontractorName: true, betaUsername: true },
          },
          replaces: { select: { id: true, staffer: { select: { fullName: true } } } },
          replacedBy: { select: { id: true, startsOn: true, staffer: { select: { fullName: true } } } },
        },
      },
    },
  });
  // A corrective order has no team of its own: its lines change the original's.
  if (!order || order.correctsOrderId !== null || !canSeeOrder(actor, order)) {
    throw notFound("Ce bon de commande");
  }
  const isOrderContractor = canStaffOrder(actor, order);
  const manage = isOrderContractor && isStaffableOrder(order);
  const staffers = manage
    ? await db.staffer.findMany({
        where: { contractorId: order.contractorId, active: true },
        orderBy: [{ fullName: "asc" }, { id: "asc" }],
        select: { id: true, fullName: true, uoTypeId: true },
      })
    : [];
  return {
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      productName: order.product.name,
      beneficiaryName: order.beneficiary.name,
      contractorName: order.contractor.name,
      startsOn: dateToIso(order.startsOn),
      endsOn: dateToIso(order.endsOn),
    },
    lines: order.lines.map((l) => ({
      id: l.id,
      position: l.position,
      label: l.uoType.label,
      uoTypeId: l.uoTypeId,
      orderedDays: l.orderedDays.toString(),
      assignments: order.assignments
        .filter((a) => a.orderLineId === l.id)
        .map((a) => ({
          id: a.id,
          version: a.version,
          staffer: a.staffer,
          startsOn: dateToIso(a.startsOn),
          endsOn: dateToIso(a.endsOn),
          rampUpDays: a.rampUpDays.toString(),
          replaces: a.replaces ? { id: a.replaces.id, fullName: a.replaces.staffer.fullName } : null,
          replacedBy: a.replacedBy
            ? {
                id: a.replacedBy.id,
                fullName: a.replacedBy.staffer.fullName,
                startsOn: dateToIso(a.replacedBy.startsOn),
              }
            : null,
        })),
    })),
    staffers,
    can: { manage },
    isOrderContractor,
  };
}
