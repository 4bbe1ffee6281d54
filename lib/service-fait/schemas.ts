// Inputs of the service-fait forms, shared by the forms and their actions. Strict: an amount,
// a report, a status or any field the form does not have is refused; the amounts are always
// computed on the server from the validated reports.
import { parseEurosToCents } from "@/lib/money";
import { checkbox, optionalText, text, uuid, z } from "@/lib/validation";
import { COMMENT_LABELS, DECISIONS, isCertifying, isMonth } from "./rules";

export const month = (label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .refine((s) => s !== "", `${label} est obligatoire.`)
    .refine(isMonth, `${label} doit être un mois, par exemple 2026-04.`);

/** The months of the preview (GET parameters of the page). */
export const periodSchema = z
  .object({ from: month("Le premier mois"), to: month("Le dernier mois") })
  .refine((p) => p.from <= p.to, {
    path: ["to"],
    message: "Le dernier mois doit être le même que le premier mois ou venir après.",
  });

const MIN_REASON = 5;

export const issueServiceFaitSchema = z
  .strictObject({
    orderId: uuid("Le bon de commande"),
    from: month("Le premier mois"),
    to: month("Le dernier mois"),
    decision: z.enum(DECISIONS, { error: "Choisissez une décision." }),
    /** Réfaction in euros ("1 250,00"), only with the decision REFACTION. */
    refaction: z.string().max(40).optional(),
    comment: optionalText("Le commentaire", 2000),
    isFinal: checkbox,
    signatoryName: text("Le nom du signataire", 200),
    /**
     * How many records the order had when the form was loaded: a second submit of the same
     * form (double click, replay) finds one more and is refused instead of recording twice.
     */
    recordCount: z.coerce.number({ error: "Le formulaire est incomplet." }).int().min(0).max(100_000),
    confirm: z.literal("on", {
      error: "Cochez la case pour confirmer que vous signez ce procès-verbal de service fait.",
    }),
  })
  .transform((v, ctx) => {
    if (v.to < v.from) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "Le dernier mois doit être le même que le premier mois ou venir après.",
      });
    }
    const raw = (v.refaction ?? "").trim();
    let refactionHtCents = 0n;
    if (v.decision === "REFACTION") {
      const cents = raw === "" ? null : parseEurosToCents(raw);
      if (raw === "") {
        ctx.addIssue({
          code: "custom",
          path: ["refaction"],
          message: "Indiquez le montant de la réfaction.",
        });
      } else if (cents === null) {
        ctx.addIssue({
          code: "custom",
          path: ["refaction"],
          message: "La réfaction doit être un montant positif en euros, par exemple 1 250,00.",
        });
      } else if (cents <= 0) {
        ctx.addIssue({
          code: "custom",
          path: ["refaction"],
          message: "La réfaction doit être supérieure à zéro.",
        });
      } else {
        refactionHtCents = BigInt(cents);
      }
    } else if (raw !== "") {
      // Never drop an amount the person typed: an admission at the full amount by mistake
      // would certify money they meant to withhold.
      ctx.addIssue({
        code: "custom",
        path: ["refaction"],
        message:
          "Vous avez saisi une réfaction : choisissez la décision « Admission avec réfaction », ou videz ce montant.",
      });
    }
    const comment = v.comment ?? "";
    if (v.decision !== "ADMISSION" && comment.length < MIN_REASON) {
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: `${COMMENT_LABELS[v.decision]} est obligatoire (${MIN_REASON} caractères au moins).`,
      });
    }
    if (v.isFinal && !isCertifying(v.decision)) {
      ctx.addIssue({
        code: "custom",
        path: ["isFinal"],
        message: "Seule une admission (avec ou sans réfaction) peut être le service fait final.",
      });
    }
    return {
      orderId: v.orderId,
      from: v.from,
      to: v.to,
      decision: v.decision,
      refactionHtCents,
      comment,
      isFinal: v.isFinal,
      signatoryName: v.signatoryName,
      recordCount: v.recordCount,
    };
  });
export type IssueServiceFaitInput = z.output<typeof issueServiceFaitSchema>;
