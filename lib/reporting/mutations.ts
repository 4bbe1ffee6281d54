import "server-only";
import { updateVersioned } from "@/lib/audit/versioned";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { canManageReporting } from "./policies";
import type { ForecastThresholdInput } from "./schemas";

/**
 * DINUM sets the share of the agreement's maximum at which the ceiling forecast warns
 * (basis points, 100–10 000; a CHECK constraint holds the same range). The agreement is the
 * one in the database — never an id sent by the form. Optimistic lock on the settings row,
 * which is created with its defaults (version 1) the first time; audited before/after.
 */
export async function updateForecastThreshold({
  actor,
  input,
}: {
  actor: Actor;
  input: ForecastThresholdInput;
}): Promise<{ thresholdBp: number }> {
  if (!canManageReporting(actor)) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const agreement = await tx.frameworkAgreement.findFirst({
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (!agreement) throw notFound("L'accord-cadre");
    const agreementId = agreement.id;
    // The row exists from the first save on; concurrent first saves both land on it.
    await tx.$executeRaw`
      INSERT INTO "AgreementSetting" ("agreementId", "updatedAt")
      VALUES (${agreementId}::uuid, now())
      ON CONFLICT ("agreementId") DO NOTHING`;
    const after = await updateVersioned(tx, actor, {
      load: () =>
        tx.agreementSetting.findUnique({
          where: { agreementId },
          select: { agreementId: true, forecastThresholdBp: true, version: true },
        }),
      update: () =>
        tx.agreementSetting.updateMany({
          where: { agreementId, version: input.version },
          data: { forecastThresholdBp: input.threshold, version: { increment: 1 } },
        }),
      missing: () => notFound("Les réglages de l'accord-cadre"),
      audit: { action: "agreementSetting.update", entityType: "AgreementSetting", entityId: agreementId },
    });
    return { thresholdBp: after.forecastThresholdBp };
  });
}
