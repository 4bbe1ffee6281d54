// Inputs of the invoice and payment forms, shared by the forms and their actions. The
// company, the order and the certified amount always come from the records, never the form.
import { euros, isoDate, uuid, version, z } from "@/lib/validation";

/** Up to 100 M€: far above any service fait, low enough to catch a typing slip. */
const MAX_INVOICE_CENTS = 10_000_000_000;

export const recordInvoiceSchema = z
  .strictObject({
    serviceFaitId: uuid("Le procès-verbal de service fait"),
    number: z
      .string({ error: "Le numéro de facture Chorus Pro est obligatoire." })
      .transform((s) => s.trim().replace(/\s+/g, " "))
      .pipe(
        z
          .string()
          .min(1, "Le numéro de facture Chorus Pro est obligatoire.")
          .max(60, "Le numéro de facture ne doit pas dépasser 60 caractères.")
          .regex(
            /^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u,
            "Le numéro de facture ne peut contenir que des lettres, des chiffres, des espaces et . / _ -",
          ),
      ),
    receivedOn: isoDate("La date de réception"),
    amountHt: euros("Le montant HT", MAX_INVOICE_CENTS),
    amountTtc: euros("Le montant TTC", MAX_INVOICE_CENTS),
  })
  .transform((v, ctx) => {
    if (v.amountTtc < v.amountHt) {
      ctx.addIssue({
        code: "custom",
        path: ["amountTtc"],
        message: "Le montant TTC ne peut pas être inférieur au montant HT.",
      });
    }
    return {
      serviceFaitId: v.serviceFaitId,
      number: v.number,
      receivedOn: v.receivedOn,
      amountHtCents: BigInt(v.amountHt),
      amountTtcCents: BigInt(v.amountTtc),
    };
  });
export type RecordInvoiceInput = z.output<typeof recordInvoiceSchema>;

export const recordPaymentSchema = z.strictObject({
  invoiceId: uuid("La facture"),
  version,
  paidOn: isoDate("La date de paiement"),
});
export type RecordPaymentInput = z.output<typeof recordPaymentSchema>;

/** Filters of /factures (GET parameters): only the "late" switch. */
export const invoiceFiltersSchema = z.object({
  late: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type InvoiceFilters = z.output<typeof invoiceFiltersSchema>;
