import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { updateVersioned } from "@/lib/audit/versioned";
import { type Actor, assertCan } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { notFound, validation } from "@/lib/errors";
import { isValidSiret } from "@/lib/siret";
import { isUuid } from "@/lib/validation";
import { canDeactivateBeneficiary } from "./policies";
import { isChorusServiceCode } from "./rules";
import type { BeneficiaryInput, ContractorInput } from "./schemas";

/** Runs a write; a SIRET already taken becomes a French error on the SIRET field. */
async function withSiretCheck<T>(run: () => Promise<T>, kind: "titulaire" | "bénéficiaire"): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) {
      const message = `Ce SIRET est déjà celui d'un autre ${kind}.`;
      throw validation(`Rien n'a été enregistré : ${message.charAt(0).toLowerCase()}${message.slice(1)}`, {
        siret: [message],
      });
    }
    throw e;
  }
}

/** The schemas check this already; the check here keeps the rule whoever calls. */
function assertOrganisationInput(input: ContractorInput | BeneficiaryInput) {
  if (!isValidSiret(input.siret) || !/^\d{14}$/.test(input.siret)) {
    throw validation("Le SIRET n'est pas valide.", { siret: ["Ce SIRET n'est pas valide."] });
  }
  if ("chorusServiceCode" in input && !isChorusServiceCode(input.chorusServiceCode)) {
    throw validation("Le code service Chorus n'est pas valide.", {
      chorusServiceCode: ["Le code service Chorus n'est pas valide."],
    });
  }
}

const contractorAuditSelect = {
  id: true,
  name: true,
  acronym: true,
  siret: true,
  postalAddress: true,
  active: true,
  version: true,
} as const;

const beneficiaryAuditSelect = {
  ...contractorAuditSelect,
  chorusServiceCode: true,
  billingAddress: true,
  isDinum: true,
} as const;

// ---------------------------------------------------------------------------------------
// Contractors (titulaires)

export async function createContractor({
  actor,
  input,
}: {
  actor: Actor;
  input: ContractorInput;
}): Promise<{ id: string }> {
  assertCan(actor, "organisation:manage");
  assertOrganisationInput(input);
  const db = await getDb();
  return withSiretCheck(
    () =>
      db.$transaction(async (tx) => {
        const after = await tx.contractor.create({
          data: {
            name: input.name,
            acronym: input.acronym,
            siret: input.siret,
            postalAddress: input.postalAddress,
          },
          select: contractorAuditSelect,
        });
        await recordAudit(tx, actor, {
          action: "contractor.create",
          entityType: "Contractor",
          entityId: after.id,
          after,
        });
        return { id: after.id };
      }),
    "titulaire",
  );
}

export async function updateContractor({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: ContractorInput & { version: number };
}): Promise<void> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce titulaire");
  assertOrganisationInput(input);
  const db = await getDb();
  await withSiretCheck(
    () =>
      db.$transaction(async (tx) => {
        await updateVersioned(tx, actor, {
          load: () => tx.contractor.findUnique({ where: { id }, select: contractorAuditSelect }),
          update: () =>
            tx.contractor.updateMany({
              where: { id, version: input.version },
              data: {
                name: input.name,
                acronym: input.acronym,
                siret: input.siret,
                postalAddress: input.postalAddress,
                version: { increment: 1 },
              },
            }),
          missing: () => notFound("Ce titulaire"),
          audit: { action: "contractor.update", entityType: "Contractor", entityId: id },
        });
      }),
    "titulaire",
  );
}

/**
 * Deactivating a contractor removes its correspondents' access at their next request
 * (lib/auth/queries.ts ignores memberships of inactive organisations).
 */
export async function setContractorActive({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: { version: number; active: boolean };
}): Promise<void> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce titulaire");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await updateVersioned(tx, actor, {
      load: () => tx.contractor.findUnique({ where: { id }, select: contractorAuditSelect }),
      update: () =>
        tx.contractor.updateMany({
          where: { id, version: input.version },
          data: { active: input.active, version: { increment: 1 } },
        }),
      missing: () => notFound("Ce titulaire"),
      audit: {
        action: input.active ? "contractor.activate" : "contractor.deactivate",
        entityType: "Contractor",
        entityId: id,
      },
    });
  });
}

// ---------------------------------------------------------------------------------------
// Beneficiaries (bénéficiaires)

export async function createBeneficiary({
  actor,
  input,
}: {
  actor: Actor;
  input: BeneficiaryInput;
}): Promise<{ id: string }> {
  assertCan(actor, "organisation:manage");
  assertOrganisationInput(input);
  const db = await getDb();
  return withSiretCheck(
    () =>
      db.$transaction(async (tx) => {
        const after = await tx.beneficiary.create({
          data: {
            name: input.name,
            acronym: input.acronym,
            siret: input.siret,
            postalAddress: input.postalAddress,
            chorusServiceCode: input.chorusServiceCode,
            billingAddress: input.billingAddress,
            // Never from a form: the one DINUM organisation is seeded.
            isDinum: false,
          },
          select: beneficiaryAuditSelect,
        });
        await recordAudit(tx, actor, {
          action: "beneficiary.create",
          entityType: "Beneficiary",
          entityId: after.id,
          after,
        });
        return { id: after.id };
      }),
    "bénéficiaire",
  );
}

export async function updateBeneficiary({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: BeneficiaryInput & { version: number };
}): Promise<void> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce bénéficiaire");
  assertOrganisationInput(input);
  const db = await getDb();
  await withSiretCheck(
    () =>
      db.$transaction(async (tx) => {
        await updateVersioned(tx, actor, {
          load: () => tx.beneficiary.findUnique({ where: { id }, select: beneficiaryAuditSelect }),
          update: () =>
            tx.beneficiary.updateMany({
              where: { id, version: input.version },
              data: {
                name: input.name,
                acronym: input.acronym,
                siret: input.siret,
                postalAddress: input.postalAddress,
                chorusServiceCode: input.chorusServiceCode,
                billingAddress: input.billingAddress,
                version: { increment: 1 },
              },
            }),
          missing: () => notFound("Ce bénéficiaire"),
          audit: { action: "beneficiary.update", entityType: "Beneficiary", entityId: id },
        });
      }),
    "bénéficiaire",
  );
}

export async function setBeneficiaryActive({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: { version: number; active: boolean };
}): Promise<void> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce bénéficiaire");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await updateVersioned(tx, actor, {
      load: () => tx.beneficiary.findUnique({ where: { id }, select: beneficiaryAuditSelect }),
      check: (before) => {
        if (!input.active && !canDeactivateBeneficiary(before)) {
          throw validation(
            "La DINUM ne peut pas être désactivée : tous les agents de la DINUM perdraient leur accès au portail.",
          );
        }
      },
      update: () =>
        tx.beneficiary.updateMany({
          where: { id, version: input.version },
          data: { active: input.active, version: { increment: 1 } },
        }),
      missing: () => notFound("Ce bénéficiaire"),
      audit: {
        action: input.active ? "beneficiary.activate" : "beneficiary.deactivate",
        entityType: "Beneficiary",
        entityId: id,
      },
    });
  });
}
