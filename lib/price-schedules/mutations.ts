import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { type Actor, assertCan } from "@/lib/auth/actor";
import { dateToIso, formatDate, formatDateTime, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { PG_RAISED, pgErrorOf } from "@/lib/db/errors";
import { conflict, forbidden, notFound, validation } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { canProposePrices } from "./policies";
import { loadCurrentAgreement } from "./queries";
import {
  decisionRefusal,
  effectiveOnRefusal,
  proposalPriceProblems,
  REJECTION_REASON_MAX,
  REJECTION_REASON_MIN,
  validationRefusal,
} from "./rules";

const ALREADY_DECIDED = "Cette version a déjà été décidée : elle ne peut plus être modifiée.";

/** The database refuses any change to a decided version (trigger): say it in French. */
function mapTriggerRefusal(e: unknown): never {
  if (pgErrorOf(e)?.code === PG_RAISED) throw conflict(ALREADY_DECIDED);
  throw e;
}

export type ProposeInput = {
  effectiveOn: string;
  comment: string | null;
  /** Unit price HT in cents per UO type id: one for each active UO type. */
  prices: Record<string, number>;
};

/**
 * A contractor proposes a new version of its own company's schedule (the company comes from
 * its membership, never from the form). Its number is the schedule's highest plus one: the
 * schedule row is locked first, so concurrent proposals get distinct, consecutive numbers.
 */
export async function proposePriceScheduleVersion(opts: {
  actor: Actor;
  input: ProposeInput;
}): Promise<{ id: string; number: number }> {
  const { actor, input } = opts;
  const contractorId = actor.membership.contractorId;
  if (!canProposePrices(actor) || !contractorId) throw forbidden();
  const today = todayIso();
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const agreement = await loadCurrentAgreement(tx);
      const dateRefusal = effectiveOnRefusal(input.effectiveOn, agreement, today, formatDate);
      if (dateRefusal) throw validation(dateRefusal, { effectiveOn: [dateRefusal] });
      const uoTypes = await tx.uoType.findMany({
        where: { agreementId: agreement.id, active: true },
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        select: { id: true, label: true },
      });
      const problems = proposalPriceProblems(uoTypes, input.prices);
      if (problems.length) {
        const fieldErrors: Record<string, string[]> = {};
        for (const u of uoTypes) {
          if (input.prices[u.id] === undefined)
            fieldErrors[`price_${u.id}`] = ["Indiquez le prix de cette unité d'œuvre."];
        }
        throw validation(problems.join(" "), fieldErrors);
      }

      await tx.$executeRaw`
        INSERT INTO "PriceSchedule" ("id", "agreementId", "contractorId")
        VALUES (gen_random_uuid(), ${agreement.id}::uuid, ${contractorId}::uuid)
        ON CONFLICT ("agreementId", "contractorId") DO NOTHING`;
      const [schedule] = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT "id"::text AS "id" FROM "PriceSchedule"
        WHERE "agreementId" = ${agreement.id}::uuid AND "contractorId" = ${contractorId}::uuid
        FOR UPDATE`;
      if (!schedule) throw new Error("price schedule row missing after upsert");
      const last = await tx.priceScheduleVersion.aggregate({
        where: { scheduleId: schedule.id },
        _max: { number: true },
      });
      const number = (last._max.number ?? 0) + 1;
      const items = uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: input.prices[u.id] as number }));
      const created = await tx.priceScheduleVersion.create({
        data: {
          scheduleId: schedule.id,
          number,
          effectiveOn: isoToDate(input.effectiveOn),
          comment: input.comment ?? "",
          proposedById: actor.userId,
          items: { create: items },
        },
        select: { id: true, number: true },
      });
      await recordAudit(tx, actor, {
        action: "priceSchedule.propose",
        entityType: "PriceScheduleVersion",
        entityId: created.id,
        after: {
          scheduleId: schedule.id,
          contractorId,
          number,
          status: "PROPOSED",
          effectiveOn: input.effectiveOn,
          comment: input.comment ?? "",
          items,
        },
      });
      return created;
    },
    // Concurrent proposals of one company wait for each other on the schedule lock.
    { maxWait: 10_000, timeout: 20_000 },
  );
}

const DECISION_SELECT = {
  id: true,
  scheduleId: true,
  number: true,
  status: true,
  effectiveOn: true,
  decidedAt: true,
  proposedById: true,
} satisfies Prisma.PriceScheduleVersionSelect;

type DecisionRow = Prisma.PriceScheduleVersionGetPayload<{ select: typeof DECISION_SELECT }>;

/** Refuses a decision on a decided version (CONFLICT) or on one's own proposal (FORBIDDEN). */
function assertDecidable(row: DecisionRow, actor: Actor): void {
  const refusal = decisionRefusal(
    { ...row, effectiveOn: dateToIso(row.effectiveOn) },
    actor.userId,
    formatDateTime,
  );
  if (!refusal) return;
  throw row.status === "PROPOSED" ? forbidden(refusal) : conflict(refusal);
}

/** After a conditional update changed nothing: someone decided first. Tell when. */
async function raceLost(tx: Prisma.TransactionClient, row: DecisionRow, actor: Actor): Promise<never> {
  const fresh = await tx.priceScheduleVersion.findUniqueOrThrow({
    where: { id: row.id },
    select: DECISION_SELECT,
  });
  assertDecidable(fresh, actor);
  throw conflict(ALREADY_DECIDED);
}

async function loadForDecision(tx: Prisma.TransactionClient, id: string): Promise<DecisionRow> {
  if (!isUuid(id)) throw notFound("Cette version du bordereau de prix");
  const row = await tx.priceScheduleVersion.findUnique({ where: { id }, select: DECISION_SELECT });
  if (!row) throw notFound("Cette version du bordereau de prix");
  return row;
}

/**
 * DINUM validates a proposal: from its effective date, it is the contractor's price schedule.
 * The schedule row is locked so that two validations cannot give two versions the same
 * effective date; the update only applies to a version still PROPOSED, so a concurrent
 * validation or rejection of the same version cannot also succeed.
 */
export async function validatePriceScheduleVersion(opts: { actor: Actor; id: string }): Promise<void> {
  const { actor, id } = opts;
  assertCan(actor, "priceSchedule:decide");
  const today = todayIso();
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const first = await loadForDecision(tx, id);
      await tx.$queryRaw`SELECT "id" FROM "PriceSchedule" WHERE "id" = ${first.scheduleId}::uuid FOR UPDATE`;
      const row = await tx.priceScheduleVersion.findUniqueOrThrow({ where: { id }, select: DECISION_SELECT });
      assertDecidable(row, actor);
      const others = await tx.priceScheduleVersion.findMany({
        where: { scheduleId: row.scheduleId, status: "VALIDATED", id: { not: id } },
        select: { effectiveOn: true },
      });
      const refusal = validationRefusal(
        { effectiveOn: dateToIso(row.effectiveOn) },
        others.map((o) => dateToIso(o.effectiveOn)),
        today,
        formatDate,
      );
      if (refusal) throw conflict(refusal);
      const decidedAt = new Date();
      const { count } = await tx.priceScheduleVersion.updateMany({
        where: { id, status: "PROPOSED" },
        data: { status: "VALIDATED", decidedById: actor.userId, decidedAt },
      });
      if (count === 0) await raceLost(tx, row, actor);
      await recordAudit(tx, actor, {
        action: "priceSchedule.validate",
        entityType: "PriceScheduleVersion",
        entityId: id,
        before: { status: "PROPOSED" },
        after: { status: "VALIDATED", decidedById: actor.userId, decidedAt },
      });
    });
  } catch (e) {
    mapTriggerRefusal(e);
  }
}

/** DINUM refuses a proposal, with a reason the contractor will read. */
export async function rejectPriceScheduleVersion(opts: {
  actor: Actor;
  id: string;
  reason: string;
}): Promise<void> {
  const { actor, id } = opts;
  assertCan(actor, "priceSchedule:decide");
  const reason = (opts.reason ?? "").trim();
  if (reason.length < REJECTION_REASON_MIN || reason.length > REJECTION_REASON_MAX) {
    const message = `Indiquez le motif du refus (entre ${REJECTION_REASON_MIN} et ${REJECTION_REASON_MAX} caractères) : le titulaire le lira.`;
    throw validation(message, { reason: [message] });
  }
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const row = await loadForDecision(tx, id);
      assertDecidable(row, actor);
      const decidedAt = new Date();
      const { count } = await tx.priceScheduleVersion.updateMany({
        where: { id, status: "PROPOSED" },
        data: { status: "REJECTED", decidedById: actor.userId, decidedAt, rejectionReason: reason },
      });
      if (count === 0) await raceLost(tx, row, actor);
      await recordAudit(tx, actor, {
        action: "priceSchedule.reject",
        entityType: "PriceScheduleVersion",
        entityId: id,
        before: { status: "PROPOSED" },
        after: { status: "REJECTED", decidedById: actor.userId, decidedAt, rejectionReason: reason },
      });
    });
  } catch (e) {
    mapTriggerRefusal(e);
  }
}
