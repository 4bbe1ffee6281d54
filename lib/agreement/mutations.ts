import "server-only";
import { updateVersioned } from "@/lib/audit/versioned";
import { type Actor, assertCan } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { notFound, validation } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { checkAgreement } from "./rules";
import type { AgreementUpdateInput, UoTypeUpdateInput } from "./schemas";

const agreementAuditSelect = {
  id: true,
  reference: true,
  title: true,
  startsOn: true,
  endsOn: true,
  maxAmountHtCents: true,
  vatRateBp: true,
  version: true,
} as const;

/** DINUM changes the agreement's title, period, maximum amount or VAT rate. */
export async function updateAgreement({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: Omit<AgreementUpdateInput, "id">;
}): Promise<void> {
  assertCan(actor, "agreement:manage");
  if (!isUuid(id)) throw notFound("L'accord-cadre");
  // The schema already checked this; checking again keeps the rule whoever calls.
  const errors = checkAgreement({
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    maxAmountHtCents: input.maxAmountHt,
    vatRateBp: input.vatRate,
  });
  if (Object.keys(errors).length) {
    throw validation("L'accord-cadre n'a pas été modifié : corrigez les champs signalés.", errors);
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await updateVersioned(tx, actor, {
      load: () => tx.frameworkAgreement.findUnique({ where: { id }, select: agreementAuditSelect }),
      update: () =>
        tx.frameworkAgreement.updateMany({
          where: { id, version: input.version },
          data: {
            title: input.title,
            startsOn: new Date(`${input.startsOn}T00:00:00Z`),
            endsOn: new Date(`${input.endsOn}T00:00:00Z`),
            maxAmountHtCents: input.maxAmountHt,
            vatRateBp: input.vatRate,
            version: { increment: 1 },
          },
        }),
      missing: () => notFound("L'accord-cadre"),
      audit: { action: "agreement.update", entityType: "FrameworkAgreement", entityId: id },
    });
  });
}

const uoAuditSelect = {
  id: true,
  code: true,
  label: true,
  level: true,
  description: true,
  deliverables: true,
  active: true,
  version: true,
} as const;

/**
 * DINUM edits a UO type's texts and availability. The code, the family and the 20 days per
 * UO come from the CCTP and are never changed here.
 */
export async function updateUoType({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: Omit<UoTypeUpdateInput, "id">;
}): Promise<void> {
  assertCan(actor, "agreement:manage");
  if (!isUuid(id)) throw notFound("Cette unité d'œuvre");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await updateVersioned(tx, actor, {
      load: () => tx.uoType.findUnique({ where: { id }, select: uoAuditSelect }),
      update: () =>
        tx.uoType.updateMany({
          where: { id, version: input.version },
          data: {
            label: input.label,
            level: input.level,
            description: input.description,
            deliverables: input.deliverables,
            active: input.active,
            version: { increment: 1 },
          },
        }),
      missing: () => notFound("Cette unité d'œuvre"),
      audit: { action: "uoType.update", entityType: "UoType", entityId: id },
    });
  });
}
