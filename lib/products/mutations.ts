import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, formatDate, isoToDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { forbidden, notFound, staleVersion, validation } from "@/lib/errors";
import { canChooseProductOwner, canCreateProducts, canManageProduct, canReadProduct } from "./policies";
import { kindRefusal, planPhaseStart } from "./rules";
import type { CreateProductInput, StartProductPhaseInput, UpdateProductInput } from "./schemas";

const BETA_GOUV_ID_TAKEN = "Cet identifiant beta.gouv.fr est déjà utilisé par un autre produit.";

type ProductFields = Omit<CreateProductInput, "beneficiaryId">;

function fieldsOf(input: ProductFields) {
  return {
    name: input.name,
    kind: input.kind,
    incubator: input.incubator,
    betaGouvId: input.betaGouvId,
    statsUrl: input.statsUrl,
    description: input.description ?? "",
  };
}

const AUDITED = {
  id: true,
  name: true,
  beneficiaryId: true,
  kind: true,
  incubator: true,
  betaGouvId: true,
  statsUrl: true,
  description: true,
  version: true,
} satisfies Prisma.ProductSelect;

/** A unique betaGouvId is the only unique field a person types: say so next to the field. */
function mapUniqueViolation(e: unknown): never {
  if (isUniqueViolation(e)) {
    throw validation(BETA_GOUV_ID_TAKEN, { betaGouvId: [BETA_GOUV_ID_TAKEN] });
  }
  throw e;
}

function refuseKind(kind: CreateProductInput["kind"], ownerIsDinum: boolean): void {
  const refusal = kindRefusal(kind, ownerIsDinum);
  if (refusal) throw validation(refusal, { kind: [refusal] });
}

/**
 * Creates a product. A beneficiary creates it for its own organisation (from its membership,
 * never from the form); DINUM names the owner. Only DINUM's products may be DINUM products.
 */
export async function createProduct(opts: {
  actor: Actor;
  input: CreateProductInput;
}): Promise<{ id: string }> {
  const { actor, input } = opts;
  if (!canCreateProducts(actor)) throw forbidden();
  let ownerId: string;
  if (canChooseProductOwner(actor)) {
    if (!input.beneficiaryId) {
      throw validation("Choisissez le bénéficiaire à qui appartient le produit.", {
        beneficiaryId: ["Choisissez le bénéficiaire."],
      });
    }
    ownerId = input.beneficiaryId;
  } else {
    const own = actor.membership.beneficiaryId;
    if (!own) throw forbidden();
    if (input.beneficiaryId && input.beneficiaryId !== own) {
      throw forbidden("Vous ne pouvez créer un produit que pour votre organisation.");
    }
    ownerId = own;
  }
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const owner = await tx.beneficiary.findUnique({
        where: { id: ownerId },
        select: { id: true, isDinum: true, active: true },
      });
      if (!owner?.active) {
        const message = "Ce bénéficiaire n'existe pas ou n'est plus actif.";
        throw validation(message, { beneficiaryId: [message] });
      }
      refuseKind(input.kind, owner.isDinum);
      const created = await tx.product.create({
        data: { ...fieldsOf(input), beneficiaryId: owner.id },
        select: AUDITED,
      });
      await recordAudit(tx, actor, {
        action: "product.create",
        entityType: "Product",
        entityId: created.id,
        after: created,
      });
      return { id: created.id };
    });
  } catch (e) {
    mapUniqueViolation(e);
  }
}

/** Loads a product for a change: NOT_FOUND outside the person's scope, FORBIDDEN when read-only. */
async function loadForManagement(tx: Prisma.TransactionClient, actor: Actor, id: string, lock: boolean) {
  if (lock) {
    // Serializes phase changes of one product: two people starting a phase at once would
    // otherwise both close the same open phase.
    await tx.$queryRaw`SELECT "id" FROM "Product" WHERE "id" = ${id}::uuid FOR UPDATE`;
  }
  const product = await tx.product.findUnique({
    where: { id },
    select: { ...AUDITED, beneficiary: { select: { isDinum: true } } },
  });
  if (!product || !canReadProduct(actor, product)) throw notFound("Ce produit");
  if (!canManageProduct(actor, product)) throw forbidden();
  return product;
}

export async function updateProduct(opts: { actor: Actor; input: UpdateProductInput }): Promise<void> {
  const { actor, input } = opts;
  if (!canCreateProducts(actor)) throw forbidden();
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const { beneficiary, ...before } = await loadForManagement(tx, actor, input.id, false);
      refuseKind(input.kind, beneficiary.isDinum);
      const { count } = await tx.product.updateMany({
        where: { id: input.id, version: input.version },
        data: { ...fieldsOf(input), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion();
      const after = await tx.product.findUniqueOrThrow({ where: { id: input.id }, select: AUDITED });
      await recordAudit(tx, actor, {
        action: "product.update",
        entityType: "Product",
        entityId: input.id,
        before,
        after,
      });
    });
  } catch (e) {
    mapUniqueViolation(e);
  }
}

/**
 * Starts a new phase: it must start after the latest phase, and the phase still open on that
 * day is closed the day before.
 */
export async function startProductPhase(opts: {
  actor: Actor;
  productId: string;
  input: Omit<StartProductPhaseInput, "productId">;
}): Promise<{ id: string }> {
  const { actor, productId, input } = opts;
  if (!canCreateProducts(actor)) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await loadForManagement(tx, actor, productId, true);
    const phases = (
      await tx.productPhase.findMany({
        where: { productId },
        select: { id: true, phase: true, startsOn: true, endsOn: true },
      })
    ).map((p) => ({ ...p, startsOn: dateToIso(p.startsOn), endsOn: p.endsOn ? dateToIso(p.endsOn) : null }));
    const plan = planPhaseStart(phases, input.startsOn, formatDate);
    if (!plan.ok) throw validation(plan.message, { startsOn: [plan.message] });
    for (const c of plan.closes) {
      await tx.productPhase.update({ where: { id: c.phase.id }, data: { endsOn: isoToDate(c.endsOn) } });
    }
    const created = await tx.productPhase.create({
      data: {
        productId,
        phase: input.phase,
        startsOn: isoToDate(input.startsOn),
        comment: input.comment ?? "",
      },
      select: { id: true, phase: true, startsOn: true, endsOn: true, comment: true },
    });
    await recordAudit(tx, actor, {
      action: "product.phase.start",
      entityType: "Product",
      entityId: productId,
      before: { openPhases: plan.closes.map((c) => c.phase) },
      after: {
        phase: { ...created, startsOn: input.startsOn, endsOn: null },
        closed: plan.closes.map((c) => ({ id: c.phase.id, phase: c.phase.phase, endsOn: c.endsOn })),
      },
    });
    return { id: created.id };
  });
}
