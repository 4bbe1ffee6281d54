// What the beta.gouv.fr cards are built from, in the caller's scope, decided from the records:
//   - DINUM: every staffer and every product;
//   - a contractor: its own staffers (their assignments on its orders) and the products of
//     the orders addressed to it (cancelled ones aside);
//   - a beneficiary: its organisation's products, and the staffers assigned to its orders
//     (only those assignments).
// Orders are scoped by lib/orders' own `orderScope`, so the cards never reach further than
// the orders list does.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, can } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { dateToIso, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { orderScope } from "@/lib/orders/queries";
import type { CardsInput, MemberSource, ProductSource } from "./cards";

const SCOPE_LABELS: Record<RoleName, string> = {
  BENEFICIARY: "bénéficiaire",
  CONTRACTOR: "titulaire",
  DINUM: "DINUM, toutes organisations",
};

function productScope(actor: Actor): Prisma.ProductWhereInput {
  if (can(actor, "order:readAll")) return {};
  const m = actor.membership;
  if (m.role === "BENEFICIARY" && m.beneficiaryId) return { beneficiaryId: m.beneficiaryId };
  if (m.role === "CONTRACTOR" && m.contractorId) {
    return { orders: { some: { AND: [orderScope(actor), { status: { not: "CANCELLED" } }] } } };
  }
  throw forbidden();
}

function stafferScope(actor: Actor): Prisma.StafferWhereInput {
  if (can(actor, "staffing:readAll")) return {};
  const m = actor.membership;
  if (can(actor, "staffing:manageOwn") && m.contractorId) return { contractorId: m.contractorId };
  if (m.role === "BENEFICIARY") return { assignments: { some: { order: orderScope(actor) } } };
  throw forbidden();
}

/** Everything the cards of the caller's scope need (no card is built here). */
export async function loadBetaCardsInput({ actor }: { actor: Actor }): Promise<CardsInput> {
  // Whoever cannot read orders reads no card (and learns nothing more).
  const scopeOfOrders = orderScope(actor);
  const products = productScope(actor);
  const staffers = stafferScope(actor);
  const db = await getDb();
  const [productRows, stafferRows] = await Promise.all([
    db.product.findMany({
      where: products,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        betaGouvId: true,
        incubator: true,
        statsUrl: true,
        description: true,
        beneficiary: {
          select: {
            name: true,
            acronym: true,
            memberships: {
              where: { role: "BENEFICIARY", active: true, user: { active: true } },
              orderBy: [{ createdAt: "asc" }, { id: "asc" }],
              take: 1,
              select: { user: { select: { email: true } } },
            },
          },
        },
        phases: {
          orderBy: { startsOn: "asc" },
          select: { phase: true, startsOn: true, endsOn: true, comment: true },
        },
      },
    }),
    db.staffer.findMany({
      where: staffers,
      orderBy: [{ fullName: "asc" }, { id: "asc" }],
      select: {
        fullName: true,
        betaUsername: true,
        status: true,
        subcontractorName: true,
        contractor: { select: { name: true } },
        uoType: { select: { label: true, family: true } },
        assignments: {
          where: { order: scopeOfOrders },
          orderBy: [{ startsOn: "asc" }, { id: "asc" }],
          select: {
            startsOn: true,
            endsOn: true,
            order: { select: { product: { select: { id: true, name: true, betaGouvId: true } } } },
          },
        },
      },
    }),
  ]);

  const members: MemberSource[] = [];
  const membersWithoutMission: string[] = [];
  for (const s of stafferRows) {
    if (s.assignments.length === 0) {
      membersWithoutMission.push(s.fullName);
      continue;
    }
    members.push({
      fullName: s.fullName,
      betaUsername: s.betaUsername,
      status: s.status,
      subcontractorName: s.subcontractorName,
      contractorName: s.contractor.name,
      uoLabel: s.uoType.label,
      uoFamily: s.uoType.family,
      missions: s.assignments.map((a) => ({
        startsOn: dateToIso(a.startsOn),
        endsOn: dateToIso(a.endsOn),
        product: a.order.product,
      })),
    });
  }
  const productSources: ProductSource[] = productRows.map((p) => ({
    id: p.id,
    name: p.name,
    betaGouvId: p.betaGouvId,
    incubator: p.incubator,
    statsUrl: p.statsUrl,
    description: p.description,
    beneficiaryName: p.beneficiary.name,
    beneficiaryAcronym: p.beneficiary.acronym,
    contactEmail: p.beneficiary.memberships[0]?.user.email ?? null,
    phases: p.phases.map((ph) => ({
      phase: ph.phase,
      startsOn: dateToIso(ph.startsOn),
      endsOn: ph.endsOn ? dateToIso(ph.endsOn) : null,
      comment: ph.comment,
    })),
  }));
  return {
    preparedFor: `${actor.membership.organisationName} (${SCOPE_LABELS[actor.membership.role]})`,
    today: todayIso(),
    members,
    products: productSources,
    membersWithoutMission,
  };
}
