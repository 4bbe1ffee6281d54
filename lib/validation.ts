// zod set up once for French messages, plus the field helpers every form shares.
import { z } from "zod";
import { isIsoDate } from "./dates";
import { parseEurosToCents } from "./money";
import { isValidSiret, normalizeSiret } from "./siret";

z.config(z.locales.fr());

export { z };

/** A required text field: trimmed, non-empty, bounded, without NUL bytes. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `${label} est obligatoire.`)
        .max(max, `${label} ne doit pas dépasser ${max} caractères.`)
        .refine((s) => !s.includes("\u0000"), `${label} contient un caractère invalide.`),
    );

/** An optional text field: empty → null. */
export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(
      z
        .string()
        .max(max, `${label} ne doit pas dépasser ${max} caractères.`)
        .refine((s) => !s.includes("\u0000"), `${label} contient un caractère invalide.`),
    )
    .transform((s) => (s === "" ? null : s));

export const siret = z
  .string({ error: "Le SIRET est obligatoire." })
  .transform(normalizeSiret)
  .refine((s) => /^\d{14}$/.test(s), "Le SIRET doit comporter 14 chiffres.")
  .refine(isValidSiret, "Ce SIRET n'est pas valide (clé de contrôle incorrecte).");

export const isoDate = (label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .refine((s) => s !== "", `${label} est obligatoire.`)
    .refine(isIsoDate, `${label} n'est pas une date valide.`);

/** A euro amount typed in a form → integer cents, strictly positive, at most 1 M€. */
export const euros = (label: string, maxCents = 100_000_000) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .transform((s, ctx) => {
      const cents = parseEurosToCents(s);
      if (cents === null) {
        ctx.addIssue({
          code: "custom",
          message: `${label} doit être un montant en euros, par exemple 12 500,00.`,
        });
        return z.NEVER;
      }
      return cents;
    })
    .refine((c) => c > 0, `${label} doit être supérieur à zéro.`)
    .refine((c) => c <= maxCents, `${label} est anormalement élevé.`);

/** A checkbox: present → true. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const uuid = (label = "L'identifiant") => z.uuid(`${label} n'est pas valide.`);

/** The optimistic-lock version a form was loaded with. */
export const version = z.coerce.number().int().min(1);

/** True for a UUID; ids from URLs are checked before they reach a `@db.Uuid` column. */
export function isUuid(s: string): boolean {
  return z.uuid().safeParse(s).success;
}
