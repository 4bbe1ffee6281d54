import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { type Actor, can } from "@/lib/auth/actor";
import { isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { conflict, forbidden, notFound, staleVersion, validation } from "@/lib/errors";
import { canManageIndicators } from "./policies";
import { formatMonth, monthError, monthToIso } from "./rules";
import type { SaveIndicatorInput } from "./schemas";

/**
 * Enters or corrects one month of a product's indicators, by the product's team.
 * A new month is inserted only if nobody entered it meanwhile (the unique index on product
 * and month decides, without aborting the transaction); a correction is an optimistic-lock
 * update on the version the form was loaded with.
 */
export async function saveIndicator({ actor, input }: { actor: Actor; input: SaveIndicatorInput }) {
  if (!can(actor, "indicator:manageOwn")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: input.productId },
      select: { id: true, beneficiaryId: true },
    });
    if (!product || !canManageIndicators(actor, product)) throw notFound("Ce produit");
    const error = monthError(input.month, todayIso());
    if (error) throw validation(error, { month: [error] });
    const month = isoToDate(monthToIso(input.month));
    const values = { monthlyActiveUsers: input.monthlyActiveUsers, satisfactionTenths: input.satisfaction };
    const key = { productId_month: { productId: product.id, month } };

    if (input.version === null) {
      const { count } = await tx.productIndicator.createMany({
        data: [{ productId: product.id, month, ...values, enteredById: actor.userId }],
        skipDuplicates: true,
      });
      if (count === 0) {
        throw conflict(
          `Les indicateurs de ${formatMonth(input.month)} sont déjà saisis (peut-être à l'instant par quelqu'un d'autre) : rien n'a été enregistré. Modifiez-les depuis le tableau.`,
        );
      }
      const row = await tx.productIndicator.findUniqueOrThrow({ where: key, select: { id: true } });
      await recordAudit(tx, actor, {
        action: "indicator.create",
        entityType: "ProductIndicator",
        entityId: row.id,
        after: { productId: product.id, month: input.month, ...values },
      });
      return { id: row.id, created: true };
    }

    const before = await tx.productIndicator.findUnique({
      where: key,
      select: { id: true, monthlyActiveUsers: true, satisfactionTenths: true, version: true },
    });
    if (!before) throw staleVersion();
    const { count } = await tx.productIndicator.updateMany({
      where: { productId: product.id, month, version: input.version },
      data: { ...values, enteredById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "indicator.update",
      entityType: "ProductIndicator",
      entityId: before.id,
      before: { month: input.month, ...before },
      after: { month: input.month, ...values, version: input.version + 1 },
    });
    return { id: before.id, created: false };
  });
}
