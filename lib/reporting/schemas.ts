// Inputs of the consolidation screens: the dashboard's filters (GET form, read from the URL)
// and DINUM's threshold form. Strict and in French; ids are only checked for shape here,
// their existence is checked by the query.
import { version, z } from "@/lib/validation";
import { monthPeriod, parseThresholdPercent } from "./rules";

const optionalParam = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(z.string().max(max, "Un filtre est trop long."))
    .transform((s) => s || undefined);

const optionalId = (label: string) =>
  optionalParam(100).refine(
    (s) => s === undefined || z.uuid().safeParse(s).success,
    `${label} demandé n'existe pas (identifiant invalide).`,
  );

/**
 * `?du=2026-01&au=2026-06&beneficiaire=<id>&titulaire=<id>`: months as `<input type="month">`
 * sends them. The output carries the whole-day period the queries use.
 */
export const dashboardFiltersSchema = z
  .strictObject({
    du: optionalParam(20),
    au: optionalParam(20),
    beneficiaire: optionalId("Le bénéficiaire"),
    titulaire: optionalId("Le titulaire"),
  })
  .transform((v, ctx) => {
    const period = monthPeriod(v.du, v.au);
    if (!period.ok) {
      ctx.addIssue({
        code: "custom",
        path: [period.field === "from" ? "du" : "au"],
        message: period.message,
      });
      return z.NEVER;
    }
    return {
      fromMonth: v.du ?? null,
      toMonth: v.au ?? null,
      from: period.value.from,
      to: period.value.to,
      beneficiaryId: v.beneficiaire ?? null,
      contractorId: v.titulaire ?? null,
    };
  });
export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;
export type DashboardFiltersInput = z.input<typeof dashboardFiltersSchema>;

/** DINUM's warning threshold of the ceiling forecast, typed in percent. */
export const forecastThresholdSchema = z.strictObject({
  version,
  threshold: z.string({ error: "Indiquez le seuil d'alerte, en pourcentage." }).transform((s, ctx) => {
    const r = parseThresholdPercent(s);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  }),
});
export type ForecastThresholdInput = z.output<typeof forecastThresholdSchema>;
