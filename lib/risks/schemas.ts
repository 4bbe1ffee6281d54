// Inputs of the risk forms, shared by the forms and their actions. Strict: the company, the
// author or any other field the form does not have is refused (taken from the session and
// the record, never from the browser).
import { optionalText, text, uuid, version, z } from "@/lib/validation";
import { RISK_LEVELS, RISK_STATUSES, SEVERITY_BANDS } from "./rules";

const level = (label: string) => z.enum(RISK_LEVELS, { error: `Choisissez ${label}.` });

const fields = {
  title: text("L'intitulé du risque", 200),
  description: optionalText("La description", 5000),
  likelihood: level("la probabilité"),
  impact: level("l'impact"),
  mitigation: optionalText("Les mesures prévues", 5000),
  owner: optionalText("Le responsable", 200),
};

export const createRiskSchema = z.strictObject({ productId: uuid("Le produit"), ...fields });
export type CreateRiskInput = z.output<typeof createRiskSchema>;

export const updateRiskSchema = z.strictObject({
  id: uuid("Le risque"),
  version,
  ...fields,
  status: z.enum(RISK_STATUSES, { error: "Choisissez le statut du risque." }),
});
export type UpdateRiskInput = z.output<typeof updateRiskSchema>;

/** The list's filters and sort, read from the URL: anything odd falls back to the default. */
export const riskFiltersSchema = z.object({
  status: z.enum(["OPEN", "CLOSED", "ALL"]).default("OPEN").catch("OPEN"),
  productId: z.uuid().optional().catch(undefined),
  band: z.enum(SEVERITY_BANDS).optional().catch(undefined),
  sort: z.enum(["severity", "updatedAt", "product"]).default("severity").catch("severity"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
});
export type RiskFilters = z.output<typeof riskFiltersSchema>;
