// Inputs of the product forms, shared by the forms and the server actions. Strict objects:
// any field the form does not have (an owner for a beneficiary, a version bump…) is refused.
import { isoDate, optionalText, text, uuid, version, z } from "@/lib/validation";
import { PHASES, PRODUCT_KINDS } from "./rules";

/** beta.gouv.fr card id (content/_startups/<id>.md): lower-case letters, digits, dashes. */
export const BETA_GOUV_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname.includes(".") && !u.username && !u.password;
  } catch {
    return false;
  }
}

const productFields = {
  name: text("Le nom du produit", 120),
  kind: z.enum(PRODUCT_KINDS, { error: "Choisissez le type de produit." }),
  incubator: optionalText("L'incubateur", 200),
  betaGouvId: optionalText("L'identifiant beta.gouv.fr", 100).refine(
    (v) => v === null || BETA_GOUV_ID_PATTERN.test(v),
    "L'identifiant beta.gouv.fr ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple « mon-produit ».",
  ),
  statsUrl: optionalText("L'adresse de la page de statistiques", 500).refine(
    (v) => v === null || isHttpsUrl(v),
    "L'adresse de la page de statistiques doit être une adresse web sécurisée complète, commençant par https://",
  ),
  description: optionalText("La description", 5000),
};

/**
 * Creating a product. `beneficiaryId` (the owner) is only for DINUM, which may create a
 * product for any beneficiary; a beneficiary's form has no owner field (the owner is its
 * own organisation, taken from its membership).
 */
export const createProductSchema = z.strictObject({
  ...productFields,
  beneficiaryId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(uuid("Le bénéficiaire").optional()),
});
export type CreateProductInput = z.output<typeof createProductSchema>;

/** Editing a product: its owner does not change. */
export const updateProductSchema = z.strictObject({
  id: uuid("Le produit"),
  version,
  ...productFields,
});
export type UpdateProductInput = z.output<typeof updateProductSchema>;

export const startProductPhaseSchema = z.strictObject({
  productId: uuid("Le produit"),
  phase: z.enum(PHASES, { error: "Choisissez la phase." }),
  startsOn: isoDate("La date de début"),
  comment: optionalText("Le commentaire", 1000),
});
export type StartProductPhaseInput = z.output<typeof startProductPhaseSchema>;

/** Filters of the product list, read from the URL: anything odd is ignored. */
export const productFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim().slice(0, 100) || undefined)
    .catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  kind: z.enum(PRODUCT_KINDS).optional().catch(undefined),
});
