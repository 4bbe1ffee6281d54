import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, can } from "@/lib/auth/actor";
import { dateToIso, isIsoDate, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound, validation } from "@/lib/errors";
import { PAGE_SIZE, type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import { canProposePrices, canReadVersion } from "./policies";
import { type PriceScheduleStatusName, versionInForce } from "./rules";

type Reader = Pick<Prisma.TransactionClient, "frameworkAgreement">;

/**
 * The framework agreement price schedules belong to. The portal serves one agreement
 * (21_BAM_048); should a successor be loaded, the latest one is the current one.
 */
export async function loadCurrentAgreement(db: Reader) {
  const agreement = await db.frameworkAgreement.findFirst({
    orderBy: [{ startsOn: "desc" }, { createdAt: "asc" }],
    select: { id: true, startsOn: true, endsOn: true },
  });
  if (!agreement) throw notFound("L'accord-cadre");
  return { id: agreement.id, startsOn: dateToIso(agreement.startsOn), endsOn: dateToIso(agreement.endsOn) };
}

export type UoTypeColumn = { id: string; code: string; label: string };
export type VersionRef = { id: string; number: number; effectiveOn: string };

export type PricesInForce = {
  date: string;
  uoTypes: UoTypeColumn[];
  contractors: Array<{
    id: string;
    name: string;
    acronym: string | null;
    /** Null when the contractor has no validated version in force on that date. */
    version: VersionRef | null;
    /** Unit price HT in cents per UO type id. */
    prices: Record<string, number>;
  }>;
};

/** For each active contractor, its validated version in force on `date` (default: today, Paris). */
export async function listPricesInForce(opts: { actor: Actor; date?: string }): Promise<PricesInForce> {
  if (!can(opts.actor, "priceSchedule:readValidated")) throw forbidden();
  const date = opts.date ?? todayIso();
  if (!isIsoDate(date)) throw validation("La date demandée n'est pas valide.");
  const db = await getDb();
  const agreement = await loadCurrentAgreement(db);
  const [uoTypes, contractors] = await Promise.all([
    db.uoType.findMany({
      where: { agreementId: agreement.id, active: true },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, code: true, label: true },
    }),
    db.contractor.findMany({
      where: { active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        acronym: true,
        priceSchedules: {
          where: { agreementId: agreement.id },
          select: {
            // The version in force, computed by the database: validated, latest effective date.
            versions: {
              where: { status: "VALIDATED", effectiveOn: { lte: isoToDate(date) } },
              orderBy: { effectiveOn: "desc" },
              take: 1,
              select: {
                id: true,
                number: true,
                effectiveOn: true,
                items: { select: { uoTypeId: true, unitPriceHtCents: true } },
              },
            },
          },
        },
      },
    }),
  ]);
  return {
    date,
    uoTypes,
    contractors: contractors.map((c) => {
      const v = c.priceSchedules[0]?.versions[0];
      return {
        id: c.id,
        name: c.name,
        acronym: c.acronym,
        version: v ? { id: v.id, number: v.number, effectiveOn: dateToIso(v.effectiveOn) } : null,
        prices: Object.fromEntries((v?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents])),
      };
    }),
  };
}

export type VersionListItem = {
  id: string;
  number: number;
  status: PriceScheduleStatusName;
  effectiveOn: string;
  comment: string;
  proposedAt: Date;
  decidedAt: Date | null;
  contractor: { id: string; name: string };
};

/**
 * The versions the person may list: DINUM all of them, a contractor its own company's
 * (proposals and rejections included), anyone else the validated ones.
 */
function versionScope(actor: Actor): Prisma.PriceScheduleVersionWhereInput {
  if (can(actor, "priceSchedule:readAll")) return {};
  if (can(actor, "priceSchedule:readOwn") && actor.membership.contractorId) {
    return { schedule: { contractorId: actor.membership.contractorId } };
  }
  if (can(actor, "priceSchedule:readValidated")) return { status: "VALIDATED" };
  throw forbidden();
}

export async function listPriceScheduleVersions(opts: {
  actor: Actor;
  contractorId?: string;
  status?: PriceScheduleStatusName;
  page: number;
  pageSize?: number;
}): Promise<Page<VersionListItem>> {
  const scope = versionScope(opts.actor);
  if (opts.contractorId && !isUuid(opts.contractorId)) return toPage([], 0, opts.page, opts.pageSize);
  const where: Prisma.PriceScheduleVersionWhereInput = {
    AND: [
      scope,
      opts.contractorId ? { schedule: { contractorId: opts.contractorId } } : {},
      opts.status ? { status: opts.status } : {},
    ],
  };
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.priceScheduleVersion.count({ where }),
    db.priceScheduleVersion.findMany({
      where,
      orderBy: [{ proposedAt: "desc" }, { number: "desc" }],
      ...skipTake(opts.page, pageSize),
      select: {
        id: true,
        number: true,
        status: true,
        effectiveOn: true,
        comment: true,
        proposedAt: true,
        decidedAt: true,
        schedule: { select: { contractor: { select: { id: true, name: true } } } },
      },
    }),
  ]);
  return toPage(
    rows.map(({ schedule, effectiveOn, ...r }) => ({
      ...r,
      effectiveOn: dateToIso(effectiveOn),
      contractor: schedule.contractor,
    })),
    total,
    opts.page,
    pageSize,
  );
}

export type PersonRef = { id: string; name: string };

export type VersionDetail = {
  id: string;
  number: number;
  status: PriceScheduleStatusName;
  effectiveOn: string;
  comment: string;
  contractor: { id: string; name: string };
  proposedBy: PersonRef;
  proposedAt: Date;
  decidedBy: PersonRef | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  /** The contractor's version in force today (possibly this one), for comparison. */
  inForceToday: VersionRef | null;
  items: Array<{
    uoTypeId: string;
    code: string;
    label: string;
    unitPriceHtCents: number;
    /** Price of the same UO type in the version in force today, if any. */
    inForceCents: number | null;
  }>;
  today: string;
};

async function peopleNames(
  db: Awaited<ReturnType<typeof getDb>>,
  ids: string[],
): Promise<Map<string, string>> {
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, givenName: true, usualName: true },
  });
  return new Map(users.map((u) => [u.id, `${u.givenName} ${u.usualName}`.trim()]));
}

/** One version; a version the person may not see (another company's proposal…) is NOT_FOUND. */
export async function getPriceScheduleVersion(opts: { actor: Actor; id: string }): Promise<VersionDetail> {
  const { actor, id } = opts;
  if (!isUuid(id)) throw notFound("Cette version du bordereau de prix");
  const db = await getDb();
  const row = await db.priceScheduleVersion.findUnique({
    where: { id },
    select: {
      id: true,
      scheduleId: true,
      number: true,
      status: true,
      effectiveOn: true,
      comment: true,
      proposedById: true,
      proposedAt: true,
      decidedById: true,
      decidedAt: true,
      rejectionReason: true,
      schedule: { select: { contractor: { select: { id: true, name: true } } } },
      items: {
        orderBy: { uoType: { sortOrder: "asc" } },
        select: { uoTypeId: true, unitPriceHtCents: true, uoType: { select: { code: true, label: true } } },
      },
    },
  });
  const contractor = row?.schedule.contractor;
  if (!row || !contractor || !canReadVersion(actor, { contractorId: contractor.id, status: row.status })) {
    throw notFound("Cette version du bordereau de prix");
  }
  const today = todayIso();
  const validated = await db.priceScheduleVersion.findMany({
    where: { scheduleId: row.scheduleId, status: "VALIDATED", effectiveOn: { lte: isoToDate(today) } },
    select: {
      id: true,
      number: true,
      status: true,
      effectiveOn: true,
      items: { select: { uoTypeId: true, unitPriceHtCents: true } },
    },
  });
  const inForce = versionInForce(
    validated.map((v) => ({ ...v, effectiveOn: dateToIso(v.effectiveOn) })),
    today,
  );
  const inForcePrices = new Map((inForce?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents]));
  const names = await peopleNames(db, [row.proposedById, ...(row.decidedById ? [row.decidedById] : [])]);
  const person = (pid: string) => ({ id: pid, name: names.get(pid) ?? "Personne inconnue" });
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    effectiveOn: dateToIso(row.effectiveOn),
    comment: row.comment,
    contractor,
    proposedBy: person(row.proposedById),
    proposedAt: row.proposedAt,
    decidedBy: row.decidedById ? person(row.decidedById) : null,
    decidedAt: row.decidedAt,
    rejectionReason: row.rejectionReason,
    inForceToday: inForce
      ? { id: inForce.id, number: inForce.number, effectiveOn: inForce.effectiveOn }
      : null,
    items: row.items.map((i) => ({
      uoTypeId: i.uoTypeId,
      code: i.uoType.code,
      label: i.uoType.label,
      unitPriceHtCents: i.unitPriceHtCents,
      inForceCents: inForcePrices.get(i.uoTypeId) ?? null,
    })),
    today,
  };
}

export type ProposalDraft = {
  contractor: { id: string; name: string };
  agreement: { startsOn: string; endsOn: string };
  /** Earliest effective date a proposal may have: today, or the agreement's start. */
  minEffectiveOn: string;
  inForceToday: VersionRef | null;
  uoTypes: Array<UoTypeColumn & { inForceCents: number | null }>;
  pendingCount: number;
};

/** What the proposal form needs: the active UO types and the contractor's prices in force. */
export async function getPriceProposalDraft(opts: { actor: Actor }): Promise<ProposalDraft> {
  const { actor } = opts;
  const contractorId = actor.membership.contractorId;
  if (!canProposePrices(actor) || !contractorId) throw forbidden();
  const db = await getDb();
  const agreement = await loadCurrentAgreement(db);
  const today = todayIso();
  const [contractor, uoTypes, inForceRow, pendingCount] = await Promise.all([
    db.contractor.findUniqueOrThrow({ where: { id: contractorId }, select: { id: true, name: true } }),
    db.uoType.findMany({
      where: { agreementId: agreement.id, active: true },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, code: true, label: true },
    }),
    db.priceScheduleVersion.findFirst({
      where: {
        schedule: { agreementId: agreement.id, contractorId },
        status: "VALIDATED",
        effectiveOn: { lte: isoToDate(today) },
      },
      orderBy: { effectiveOn: "desc" },
      select: {
        id: true,
        number: true,
        effectiveOn: true,
        items: { select: { uoTypeId: true, unitPriceHtCents: true } },
      },
    }),
    db.priceScheduleVersion.count({
      where: { schedule: { agreementId: agreement.id, contractorId }, status: "PROPOSED" },
    }),
  ]);
  const prices = new Map((inForceRow?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents]));
  return {
    contractor,
    agreement: { startsOn: agreement.startsOn, endsOn: agreement.endsOn },
    // ISO dates sort as text: the later of today and the agreement start.
    minEffectiveOn: [today, agreement.startsOn].sort()[1] as string,
    inForceToday: inForceRow
      ? { id: inForceRow.id, number: inForceRow.number, effectiveOn: dateToIso(inForceRow.effectiveOn) }
      : null,
    uoTypes: uoTypes.map((u) => ({ ...u, inForceCents: prices.get(u.id) ?? null })),
    pendingCount,
  };
}
