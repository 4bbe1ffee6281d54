// Inputs of the activity-report forms, shared by the forms and their actions. Strict: a
// status, an order's organisation, a line or a staffer the form does not have is refused;
// ids are only ever looked up again on the server.
import type Decimal from "decimal.js";
import { text, uuid, version, z } from "@/lib/validation";
import { parseMonth } from "./calendar";
import { MAX_ACTIVITIES_LENGTH, parseDays } from "./rules";

/** At most this many rows in one grid: far more people than any team has. */
export const MAX_ROWS = 200;

const list = z
  .array(z.string().max(50, "Une valeur de la grille est trop longue."))
  .max(MAX_ROWS, `La grille compte au plus ${MAX_ROWS} lignes.`)
  .optional()
  .transform((a) => a ?? []);

export const month = z.string({ error: "Le mois est obligatoire." }).transform((s, ctx) => {
  const r = parseMonth(s);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.value;
});

/** The operational activities of the month: free text, possibly empty, kept as typed. */
const activities = z
  .string()
  .optional()
  .transform((s) => (s ?? "").replace(/\r\n/g, "\n").trim())
  .pipe(
    z
      .string()
      .max(
        MAX_ACTIVITIES_LENGTH,
        `Les activités ne doivent pas dépasser ${MAX_ACTIVITIES_LENGTH.toLocaleString("fr-FR")} caractères.`,
      )
      .refine((s) => !s.includes("\u0000"), "Les activités contiennent un caractère invalide."),
  );

/** "Enregistrer" keeps a draft; "Soumettre" saves then submits to the beneficiary. */
const intent = z
  .enum(["save", "submit"], { error: "Action inconnue." })
  .optional()
  .transform((v) => v ?? "save");

/** The version the form was loaded with; blank when the report did not exist yet. */
const optionalVersion = z
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
  });

export type GridEntry = { assignmentId: string; days: Decimal; nonBillableDays: Decimal };

/**
 * The grid's parallel arrays ("assignmentId[]", "days[]", "nonBillableDays[]": one per row,
 * the last blank for people who are not replacements) → entries, with errors on
 * `days.<assignmentId>` / `nonBillableDays.<assignmentId>` so each message sits by its field.
 */
function toEntries<T extends { assignmentId: string[]; days: string[]; nonBillableDays: string[] }>(
  v: T,
  ctx: z.core.$RefinementCtx<T>,
) {
  const { assignmentId, days, nonBillableDays, ...rest } = v;
  const entries: GridEntry[] = [];
  if (days.length !== assignmentId.length || nonBillableDays.length !== assignmentId.length) {
    ctx.addIssue({ code: "custom", path: ["days"], message: "La grille envoyée est incomplète." });
    return { ...rest, entries };
  }
  const seen = new Set<string>();
  assignmentId.forEach((id, i) => {
    if (!z.uuid().safeParse(id).success || seen.has(id)) {
      ctx.addIssue({ code: "custom", path: ["days"], message: "La grille envoyée est invalide." });
      return;
    }
    seen.add(id);
    const d = parseDays(days[i] ?? "");
    const n = parseDays(nonBillableDays[i] ?? "");
    if (!d.ok) ctx.addIssue({ code: "custom", path: [`days.${id}`], message: d.message });
    if (!n.ok) ctx.addIssue({ code: "custom", path: [`nonBillableDays.${id}`], message: n.message });
    if (d.ok && n.ok) entries.push({ assignmentId: id, days: d.value, nonBillableDays: n.value });
  });
  return { ...rest, entries };
}

export const saveReportSchema = z
  .strictObject({
    orderId: uuid("Le bon de commande"),
    month,
    version: optionalVersion,
    activities,
    assignmentId: list,
    days: list,
    nonBillableDays: list,
    intent,
  })
  .transform(toEntries);
export type SaveReportInput = z.output<typeof saveReportSchema>;

export const submitReportSchema = z.strictObject({ reportId: uuid("Le compte rendu"), version });
export type SubmitReportInput = z.output<typeof submitReportSchema>;

export const validateReportSchema = submitReportSchema;
export type ValidateReportInput = SubmitReportInput;

export const rejectReportSchema = z.strictObject({
  reportId: uuid("Le compte rendu"),
  version,
  reason: text("Le motif du rejet", 2000).refine(
    (s) => s.length >= 5,
    "Précisez le motif du rejet (5 caractères au moins) : le titulaire le lira pour corriger.",
  ),
});
export type RejectReportInput = z.output<typeof rejectReportSchema>;

export type CorrectedTotal = { assignmentId: string; days: Decimal };

/**
 * An adjusting entry's form: the CORRECTED total of billable days per person (what the month
 * should have said), and why. The server turns them into signed changes against the
 * validated report and its validated adjustments.
 */
function toTotals<T extends { assignmentId: string[]; correctedDays: string[] }>(
  v: T,
  ctx: z.core.$RefinementCtx<T>,
) {
  const { assignmentId, correctedDays, ...rest } = v;
  const totals: CorrectedTotal[] = [];
  if (correctedDays.length !== assignmentId.length) {
    ctx.addIssue({ code: "custom", path: ["correctedDays"], message: "La grille envoyée est incomplète." });
    return { ...rest, totals };
  }
  const seen = new Set<string>();
  assignmentId.forEach((id, i) => {
    if (!z.uuid().safeParse(id).success || seen.has(id)) {
      ctx.addIssue({ code: "custom", path: ["correctedDays"], message: "La grille envoyée est invalide." });
      return;
    }
    seen.add(id);
    const raw = (correctedDays[i] ?? "").trim();
    // Blank: this person's total stays as validated.
    if (raw === "") return;
    const d = parseDays(raw);
    if (!d.ok) ctx.addIssue({ code: "custom", path: [`correctedDays.${id}`], message: d.message });
    else totals.push({ assignmentId: id, days: d.value });
  });
  return { ...rest, totals };
}

const reason = text("Le motif de la correction", 10_000);

export const createAdjustmentSchema = z
  .strictObject({
    reportId: uuid("Le compte rendu corrigé"),
    activities: reason,
    assignmentId: list,
    correctedDays: list,
    intent,
  })
  .transform(toTotals);
export type CreateAdjustmentInput = z.output<typeof createAdjustmentSchema>;

export const updateAdjustmentSchema = z
  .strictObject({
    adjustmentId: uuid("L'écriture d'ajustement"),
    version,
    activities: reason,
    assignmentId: list,
    correctedDays: list,
    intent,
  })
  .transform(toTotals);
export type UpdateAdjustmentInput = z.output<typeof updateAdjustmentSchema>;
