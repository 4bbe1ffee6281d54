// Inputs of the contractor and beneficiary forms, shared by the forms and their actions.
// `isDinum` is deliberately absent: the one DINUM organisation is seeded, never set by a form.
import { optionalText, siret, text, uuid, version, z } from "@/lib/validation";
import { isChorusServiceCode } from "./rules";

const organisationFields = {
  name: text("Le nom", 200),
  acronym: optionalText("Le sigle", 30),
  siret,
  postalAddress: text("L'adresse postale", 500),
};

const beneficiaryFields = {
  ...organisationFields,
  chorusServiceCode: text("Le code service Chorus", 40).refine(
    isChorusServiceCode,
    "Le code service Chorus ne peut contenir que des lettres sans accent, des chiffres, « _ » et « - ».",
  ),
  billingAddress: text("L'adresse de facturation", 500),
};

export const contractorCreateSchema = z.strictObject(organisationFields);
export type ContractorInput = z.output<typeof contractorCreateSchema>;
export const contractorUpdateSchema = z.strictObject({ ...organisationFields, id: uuid(), version });

export const beneficiaryCreateSchema = z.strictObject(beneficiaryFields);
export type BeneficiaryInput = z.output<typeof beneficiaryCreateSchema>;
export const beneficiaryUpdateSchema = z.strictObject({ ...beneficiaryFields, id: uuid(), version });

/** Activate ("true") or deactivate ("false") a record loaded at `version`. */
export const setActiveSchema = z.strictObject({
  id: uuid(),
  version,
  active: z
    .enum(["true", "false"], { error: "Le choix activer/désactiver est invalide." })
    .transform((v) => v === "true"),
});
export type SetActiveInput = z.output<typeof setActiveSchema>;
