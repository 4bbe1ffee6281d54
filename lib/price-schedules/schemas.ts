// Inputs of the price-schedule forms, shared by the forms and the server actions.
import { euros, isoDate, optionalText, text, uuid, z } from "@/lib/validation";
import {
  MAX_UNIT_PRICE_CENTS,
  PRICE_SCHEDULE_STATUSES,
  REJECTION_REASON_MAX,
  REJECTION_REASON_MIN,
} from "./rules";

/** Form field of the unit price of one UO type, typed in euros ("12 500,00"). */
export const priceFieldName = (uoTypeId: string) => `price_${uoTypeId}`;
const PRICE_FIELD = /^price_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const unitPrice = euros("Le prix", MAX_UNIT_PRICE_CENTS);

/**
 * A new version proposed by a contractor: effective date, comment and one `price_<uoTypeId>`
 * field per UO type. The UO types come from the database, so this schema accepts any
 * well-formed price field and the mutation checks that every active UO type, and only those,
 * has a price. Any other field (a contractor id, a status…) is refused as an unknown key:
 * the contractor is always the person's own company.
 */
export const proposePriceScheduleVersionSchema = z
  .object({
    effectiveOn: isoDate("La date d'effet"),
    comment: optionalText("Le commentaire", 2000),
  })
  .catchall(z.unknown())
  .transform((raw, ctx) => {
    const { effectiveOn, comment, ...rest } = raw;
    const prices: Record<string, number> = {};
    const unknownKeys: string[] = [];
    for (const [key, value] of Object.entries(rest)) {
      const match = PRICE_FIELD.exec(key);
      if (!match) {
        unknownKeys.push(key);
        continue;
      }
      const typed = typeof value === "string" ? value.trim() : "";
      if (typed === "") {
        ctx.addIssue({ code: "custom", path: [key], message: "Indiquez le prix de cette unité d'œuvre." });
        continue;
      }
      if (typed.startsWith("-")) {
        ctx.addIssue({ code: "custom", path: [key], message: "Le prix doit être supérieur à zéro." });
        continue;
      }
      const parsed = unitPrice.safeParse(typed);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const message =
            issue.message === "Le prix est anormalement élevé."
              ? "Le prix est anormalement élevé : 100 000 € HT au plus par unité d'œuvre."
              : issue.message;
          ctx.addIssue({ code: "custom", path: [key], message });
        }
        continue;
      }
      prices[match[1] as string] = parsed.data;
    }
    if (unknownKeys.length) {
      ctx.addIssue({
        code: "unrecognized_keys",
        keys: unknownKeys,
        path: [],
        message: `Champs non autorisés : ${unknownKeys.join(", ")}.`,
      } as never);
    }
    return { effectiveOn, comment, prices };
  });
export type ProposePriceScheduleVersionInput = z.output<typeof proposePriceScheduleVersionSchema>;

export const validatePriceScheduleVersionSchema = z.strictObject({
  id: uuid("La version"),
});

export const rejectPriceScheduleVersionSchema = z.strictObject({
  id: uuid("La version"),
  reason: text("Le motif du refus", REJECTION_REASON_MAX).refine(
    (s) => s.length >= REJECTION_REASON_MIN,
    `Le motif du refus doit comporter au moins ${REJECTION_REASON_MIN} caractères.`,
  ),
});

/** Filters of the version list, read from the URL: anything odd is ignored. */
export const versionFiltersSchema = z.object({
  status: z.enum(PRICE_SCHEDULE_STATUSES).optional().catch(undefined),
  contractorId: uuid().optional().catch(undefined),
});
