// Inputs of the agreement forms, shared by the forms and their server actions.
import { checkbox, euros, isoDate, optionalText, text, uuid, version, z } from "@/lib/validation";
import {
  checkAgreement,
  MAX_AGREEMENT_AMOUNT_CENTS,
  MAX_VAT_BP,
  parseDeliverables,
  parseVatRateToBp,
} from "./rules";

/** A VAT rate typed in percent → basis points. */
export const vatRate = z
  .string({ error: "Le taux de TVA est obligatoire." })
  .transform((s, ctx) => {
    if (s.trim() === "") {
      ctx.addIssue({ code: "custom", message: "Le taux de TVA est obligatoire." });
      return z.NEVER;
    }
    const bp = parseVatRateToBp(s);
    if (bp === null) {
      ctx.addIssue({
        code: "custom",
        message:
          "Le taux de TVA doit être un pourcentage avec au plus deux décimales, par exemple 20 ou 5,5.",
      });
      return z.NEVER;
    }
    return bp;
  })
  .refine((bp) => bp <= MAX_VAT_BP, `Le taux de TVA doit être compris entre 0 et ${MAX_VAT_BP / 100} %.`);

export const agreementUpdateSchema = z
  .strictObject({
    id: uuid("L'accord-cadre"),
    version,
    title: text("L'intitulé", 300),
    startsOn: isoDate("La date de début"),
    endsOn: isoDate("La date de fin"),
    maxAmountHt: euros("Le montant maximum HT", MAX_AGREEMENT_AMOUNT_CENTS).transform((c) => BigInt(c)),
    vatRate,
  })
  .superRefine((v, ctx) => {
    const errors = checkAgreement({
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      maxAmountHtCents: v.maxAmountHt,
      vatRateBp: v.vatRate,
    });
    for (const [field, messages] of Object.entries(errors)) {
      for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
    }
  });
export type AgreementUpdateInput = z.output<typeof agreementUpdateSchema>;

/** One deliverable per line of the textarea. */
const deliverables = z
  .string()
  .optional()
  .transform((s) => parseDeliverables(s ?? ""))
  .pipe(
    z
      .array(z.string().max(500, "Chaque livrable doit tenir en 500 caractères au plus."))
      .min(1, "Indiquez au moins un livrable.")
      .max(20, "Indiquez au plus 20 livrables."),
  );

export const uoTypeUpdateSchema = z.strictObject({
  id: uuid("L'unité d'œuvre"),
  version,
  label: text("Le libellé", 200),
  level: optionalText("Le niveau", 50),
  description: text("La description", 2000),
  deliverables,
  active: checkbox,
});
export type UoTypeUpdateInput = z.output<typeof uoTypeUpdateSchema>;
