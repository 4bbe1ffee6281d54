// Inputs of the staffing forms, shared by the forms and their actions. Strict objects: a
// company, a status of the order, an "active" flag on creation or any other field the form
// does not have is refused; the company is always the actor's own.
import type Decimal from "decimal.js";
import { isoDate, optionalText, text, uuid, version, z } from "@/lib/validation";
import { isBetaUsername, normalizeEmail, parseRampUpDays, STAFFER_STATUSES } from "./rules";

const SUBCONTRACTOR_REQUIRED = "Indiquez le nom de la société sous-traitante qui emploie cet intervenant.";

const stafferFields = {
  fullName: text("Le nom complet", 200),
  email: text("L'adresse e-mail", 254)
    .transform(normalizeEmail)
    .pipe(z.email("L'adresse e-mail n'est pas valide (par exemple prenom.nom@societe.fr).")),
  uoTypeId: uuid("Le profil"),
  status: z.enum(STAFFER_STATUSES, { error: "Choisissez le statut de l'intervenant." }),
  subcontractorName: optionalText("Le nom du sous-traitant", 200),
  betaUsername: optionalText("L'identifiant beta.gouv.fr", 100).refine(
    (v) => v === null || isBetaUsername(v),
    "L'identifiant beta.gouv.fr ne contient que des lettres minuscules sans accent, des chiffres, des points et des tirets, par exemple « prenom.nom ».",
  ),
};

type StafferShape = { status: (typeof STAFFER_STATUSES)[number]; subcontractorName: string | null };

/**
 * A subcontractor's company is required; the other statuses have none (the database checks
 * it too). Checked even when other fields have errors, so the form shows every error at once.
 */
const hasSubcontractor = (v: StafferShape) => v.status !== "SUBCONTRACTOR" || !!v.subcontractorName;
const subcontractorCheck = {
  path: ["subcontractorName"],
  message: SUBCONTRACTOR_REQUIRED,
  when: (payload: { value: unknown }) =>
    (payload.value as { status?: unknown } | null)?.status === "SUBCONTRACTOR",
};

const dropSubcontractor = <T extends StafferShape>(v: T): T =>
  v.status === "SUBCONTRACTOR" ? v : { ...v, subcontractorName: null };

export const createStafferSchema = z
  .strictObject(stafferFields)
  .refine(hasSubcontractor, subcontractorCheck)
  .transform(dropSubcontractor);
export type CreateStafferInput = z.output<typeof createStafferSchema>;

export const updateStafferSchema = z
  .strictObject({ ...stafferFields, id: uuid("L'intervenant"), version })
  .refine(hasSubcontractor, subcontractorCheck)
  .transform(dropSubcontractor);
export type UpdateStafferInput = z.output<typeof updateStafferSchema>;

export const setStafferActiveSchema = z.strictObject({
  id: uuid("L'intervenant"),
  version,
  active: z
    .enum(["true", "false"], { error: "Le choix activer/désactiver est invalide." })
    .transform((v) => v === "true"),
});
export type SetStafferActiveInput = z.output<typeof setStafferActiveSchema>;

export const createAssignmentSchema = z.strictObject({
  orderId: uuid("Le bon de commande"),
  orderLineId: uuid("La ligne du bon de commande"),
  stafferId: uuid("L'intervenant"),
  startsOn: isoDate("La date de début"),
  endsOn: isoDate("La date de fin"),
});
export type CreateAssignmentInput = z.output<typeof createAssignmentSchema>;

/** Changes an assignment's period; ending it early is moving its end date. */
export const updateAssignmentSchema = z.strictObject({
  id: uuid("L'affectation"),
  version,
  startsOn: isoDate("La date de début"),
  endsOn: isoDate("La date de fin"),
});
export type UpdateAssignmentInput = z.output<typeof updateAssignmentSchema>;

const rampUpDays = z
  .string()
  .optional()
  .transform((raw, ctx): Decimal => {
    const r = parseRampUpDays(raw ?? "");
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

/**
 * Replaces the person of an assignment from `startsOn`: the replaced assignment ends the
 * day before; the newcomer's assignment runs to `endsOn` (blank: the replaced one's end).
 */
export const replaceAssignmentSchema = z.strictObject({
  id: uuid("L'affectation remplacée"),
  version,
  stafferId: uuid("Le nouvel intervenant"),
  startsOn: isoDate("La date d'arrivée"),
  endsOn: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim() || null)
    .pipe(isoDate("La date de fin").nullable()),
  rampUpDays,
});
export type ReplaceAssignmentInput = z.output<typeof replaceAssignmentSchema>;

/** Filters of the staffer list, read from the URL: anything odd is ignored. */
export const stafferFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim().slice(0, 100) || undefined)
    .catch(undefined),
  uoTypeId: z.uuid().optional().catch(undefined),
  contractorId: z.uuid().optional().catch(undefined),
  status: z.enum(STAFFER_STATUSES).optional().catch(undefined),
  active: z.enum(["actifs", "inactifs", "tous"]).default("actifs").catch("actifs"),
});
export type StafferFilters = z.output<typeof stafferFiltersSchema>;
