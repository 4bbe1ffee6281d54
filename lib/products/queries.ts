import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, can } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import { canChooseProductOwner, canListProducts, canReadProduct } from "./policies";
import {
  type CommitteeHint,
  currentPhase,
  isPhaseLongerThanUsual,
  nextCommitteeDue,
  type PhaseName,
  type ProductKindName,
} from "./rules";

export type ProductListItem = {
  id: string;
  name: string;
  kind: ProductKindName;
  incubator: string | null;
  owner: { id: string; name: string };
  currentPhase: { phase: PhaseName; startsOn: string } | null;
};

export type ProductPhaseDto = {
  id: string;
  phase: PhaseName;
  startsOn: string;
  endsOn: string | null;
  comment: string;
};

export type ProductDetail = {
  id: string;
  name: string;
  kind: ProductKindName;
  incubator: string | null;
  betaGouvId: string | null;
  statsUrl: string | null;
  description: string;
  version: number;
  owner: { id: string; name: string; isDinum: boolean };
  /** Most recent first. */
  phases: ProductPhaseDto[];
  currentPhase: ProductPhaseDto | null;
  /** The current phase lasts longer than the CCTP expects. */
  currentPhaseLongerThanUsual: boolean;
  committee: CommitteeHint | null;
  today: string;
};

/** The products the person may see, as a WHERE clause: scope is applied by the database. */
function scopeWhere(actor: Actor): Prisma.ProductWhereInput {
  if (can(actor, "product:readAll")) return {};
  if (can(actor, "product:readOwn") && actor.membership.beneficiaryId) {
    return { beneficiaryId: actor.membership.beneficiaryId };
  }
  throw forbidden();
}

/** Phases running on `today` (started, not over): at most one per product, phases never overlap. */
function runningOn(today: Date): Prisma.ProductPhaseWhereInput {
  return { startsOn: { lte: today }, OR: [{ endsOn: null }, { endsOn: { gte: today } }] };
}

export async function listProducts(opts: {
  actor: Actor;
  page: number;
  q?: string;
  phase?: PhaseName;
  kind?: ProductKindName;
  /** Default: the list's page size (exports ask for everything at once). */
  pageSize?: number;
}): Promise<Page<ProductListItem>> {
  const scope = scopeWhere(opts.actor);
  const today = isoToDate(todayIso());
  const q = opts.q?.trim();
  const where: Prisma.ProductWhereInput = {
    AND: [
      scope,
      q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { betaGouvId: { contains: q, mode: "insensitive" } },
              { incubator: { contains: q, mode: "insensitive" } },
              { beneficiary: { name: { contains: q, mode: "insensitive" } } },
            ],
          }
        : {},
      opts.kind ? { kind: opts.kind } : {},
      opts.phase ? { phases: { some: { phase: opts.phase, ...runningOn(today) } } } : {},
    ],
  };
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.product.count({ where }),
    db.product.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...skipTake(opts.page, opts.pageSize),
      select: {
        id: true,
        name: true,
        kind: true,
        incubator: true,
        beneficiary: { select: { id: true, name: true } },
        phases: {
          where: runningOn(today),
          orderBy: { startsOn: "desc" },
          take: 1,
          select: { phase: true, startsOn: true },
        },
      },
    }),
  ]);
  return toPage(
    rows.map((r) => {
      const p = r.phases[0];
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        incubator: r.incubator,
        owner: r.beneficiary,
        currentPhase: p ? { phase: p.phase, startsOn: dateToIso(p.startsOn) } : null,
      };
    }),
    total,
    opts.page,
    opts.pageSize,
  );
}

export async function getProduct(opts: { actor: Actor; id: string }): Promise<ProductDetail> {
  const { actor, id } = opts;
  if (!canListProducts(actor)) throw forbidden();
  if (!isUuid(id)) throw notFound("Ce produit");
  const db = await getDb();
  const row = await db.product.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      kind: true,
      incubator: true,
      betaGouvId: true,
      statsUrl: true,
      description: true,
      version: true,
      beneficiaryId: true,
      beneficiary: { select: { id: true, name: true, isDinum: true } },
      phases: {
        orderBy: { startsOn: "desc" },
        select: { id: true, phase: true, startsOn: true, endsOn: true, comment: true },
      },
    },
  });
  if (!row || !canReadProduct(actor, row)) throw notFound("Ce produit");
  const today = todayIso();
  const phases = row.phases.map((p) => ({
    id: p.id,
    phase: p.phase,
    startsOn: dateToIso(p.startsOn),
    endsOn: p.endsOn ? dateToIso(p.endsOn) : null,
    comment: p.comment,
  }));
  const current = currentPhase(phases, today);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    incubator: row.incubator,
    betaGouvId: row.betaGouvId,
    statsUrl: row.statsUrl,
    description: row.description,
    version: row.version,
    owner: row.beneficiary,
    phases,
    currentPhase: current,
    currentPhaseLongerThanUsual: current ? isPhaseLongerThanUsual(current, today) : false,
    committee: nextCommitteeDue(current, today),
    today,
  };
}

/** Beneficiaries DINUM may create a product for (the owner select of its form). */
export async function listProductOwnerOptions(opts: {
  actor: Actor;
}): Promise<Array<{ id: string; name: string; isDinum: boolean }>> {
  if (!canChooseProductOwner(opts.actor)) throw forbidden();
  const db = await getDb();
  return db.beneficiary.findMany({
    where: { active: true },
    orderBy: [{ isDinum: "desc" }, { name: "asc" }],
    select: { id: true, name: true, isDinum: true },
  });
}
