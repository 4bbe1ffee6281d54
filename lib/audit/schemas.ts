// Filters of the audit trail, read from the URL of the /journal page (GET form).
import { isIsoDate } from "@/lib/dates";
import { z } from "@/lib/validation";

const optionalFilter = (label: string, max = 200) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(z.string().max(max, `${label} ne doit pas dépasser ${max} caractères.`))
    .transform((s) => s || undefined);

const optionalDate = (label: string) =>
  optionalFilter(label, 10).refine(
    (s) => s === undefined || isIsoDate(s),
    `${label} n'est pas une date valide.`,
  );

export const auditFiltersSchema = z
  .strictObject({
    action: optionalFilter("L'action", 100),
    entityType: optionalFilter("Le type d'élément", 100),
    entityId: optionalFilter("L'identifiant", 100),
    actorEmail: optionalFilter("L'adresse e-mail", 254).transform((s) => s?.toLowerCase()),
    from: optionalDate("La date de début"),
    to: optionalDate("La date de fin"),
    /** Refused accesses: shown with the changes (""), hidden ("non"), or alone ("seuls"). */
    refusals: z
      .string()
      .optional()
      .transform((s) => (s ?? "").trim())
      .pipe(
        z.enum(["", "non", "seuls"], {
          error: "Le choix des accès refusés est inconnu : choisissez parmi la liste.",
        }),
      )
      .transform((s) => s || undefined),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message:
          "La période est inversée : la date de fin doit être postérieure ou égale à la date de début.",
      });
    }
  });
export type AuditFilters = z.output<typeof auditFiltersSchema>;
