// The monthly indicators form, shared by the form and its action. Strict: the author, the
// organisation or a stored value in tenths are never taken from the browser.
import { uuid, z } from "@/lib/validation";
import { isMonth, parseActiveUsers, parseSatisfaction } from "./rules";

export const saveIndicatorSchema = z.strictObject({
  productId: uuid("Le produit"),
  month: z
    .string({ error: "Le mois est obligatoire." })
    .trim()
    .refine((s) => s !== "", "Le mois est obligatoire.")
    .refine(isMonth, "Le mois n'est pas valide : choisissez un mois, par exemple 2026-03."),
  monthlyActiveUsers: z
    .string({ error: "Le nombre d'utilisateurs actifs est obligatoire." })
    .transform((s, ctx) => {
      const r = parseActiveUsers(s);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message });
        return z.NEVER;
      }
      return r.value;
    }),
  satisfaction: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const r = parseSatisfaction(s ?? "");
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message });
        return z.NEVER;
      }
      return r.value;
    }),
  /** The version of the month's row the form was loaded with; absent for a new month. */
  version: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? "").trim();
      if (v === "") return null;
      if (!/^\d{1,9}$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: "custom", message: "La version du formulaire n'est pas valide." });
        return z.NEVER;
      }
      return Number(v);
    }),
});
export type SaveIndicatorInput = z.output<typeof saveIndicatorSchema>;
