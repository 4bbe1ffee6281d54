// Inputs of the order forms, shared by the forms and their actions. Strict: a status, a
// price, a beneficiary or any other field the form does not have is refused.
import type Decimal from "decimal.js";
import { isoDate, optionalText, text, uuid, version, z } from "@/lib/validation";
import { EJ_PATTERN, MAX_LINES, parseQuantity } from "./rules";

const list = z
  .array(z.string().max(5000, "Un champ de ligne est trop long."))
  .max(MAX_LINES, `Un bon de commande compte au plus ${MAX_LINES} lignes.`)
  .optional()
  .transform((a) => a ?? []);

export type DraftLine = { uoTypeId: string; quantity: Decimal; deliverables: string };

const draftFields = {
  productId: uuid("Le produit"),
  contractorId: uuid("Le titulaire"),
  startsOn: isoDate("La date de début"),
  endsOn: isoDate("La date de fin"),
  chorusServiceCode: text("Le code service Chorus", 40),
  billingAddress: text("L'adresse de facturation", 500),
  // One entry per line, in order (form fields "uoTypeId[]", "quantity[]", "deliverables[]").
  uoTypeId: list,
  quantity: list,
  deliverables: list,
};

type RawDraft = { uoTypeId: string[]; quantity: string[]; deliverables: string[] };

/** Turns the parallel arrays into lines, with errors on `quantity.<i>` / `uoTypeId.<i>`. */
function toLines<T extends RawDraft>(v: T, ctx: z.core.$RefinementCtx<T>) {
  const { uoTypeId, quantity, deliverables, ...rest } = v;
  const lines: DraftLine[] = [];
  if (uoTypeId.length === 0) {
    ctx.addIssue({ code: "custom", path: ["uoTypeId"], message: "Ajoutez au moins une ligne." });
  }
  if (quantity.length !== uoTypeId.length || deliverables.length !== uoTypeId.length) {
    ctx.addIssue({ code: "custom", path: ["uoTypeId"], message: "Les lignes envoyées sont incomplètes." });
    return { ...rest, lines };
  }
  uoTypeId.forEach((id, i) => {
    if (!z.uuid().safeParse(id).success) {
      ctx.addIssue({ code: "custom", path: ["uoTypeId", i], message: "Choisissez une unité d'œuvre." });
      return;
    }
    const q = parseQuantity(quantity[i] ?? "");
    if (!q.ok) {
      ctx.addIssue({ code: "custom", path: ["quantity", i], message: `Ligne ${i + 1} : ${q.message}` });
      return;
    }
    const d = (deliverables[i] ?? "").trim();
    if (d.includes("\u0000")) {
      ctx.addIssue({ code: "custom", path: ["deliverables", i], message: "Caractère invalide." });
      return;
    }
    lines.push({ uoTypeId: id, quantity: q.value, deliverables: d });
  });
  return { ...rest, lines };
}

export const createOrderSchema = z
  .strictObject({ ...draftFields, creationKey: uuid("La clé du formulaire") })
  .transform(toLines);
export type CreateOrderInput = z.output<typeof createOrderSchema>;

export const updateOrderSchema = z
  .strictObject({ ...draftFields, id: uuid("Le bon de commande"), version })
  .transform(toLines);
export type UpdateOrderInput = z.output<typeof updateOrderSchema>;

export const issueOrderSchema = z.strictObject({
  id: uuid("Le bon de commande"),
  version,
  legalCommitmentNumber: z
    .string({ error: "Le numéro d'engagement juridique est obligatoire." })
    .transform((s) => s.replace(/\s/g, ""))
    .refine(
      (s) => EJ_PATTERN.test(s),
      "Le numéro d'engagement juridique (EJ) Chorus compte exactement 10 chiffres.",
    ),
  signatoryName: text("Le nom du signataire", 200),
  confirm: z.literal("on", { error: "Cochez la case pour confirmer que vous signez ce bon de commande." }),
});
export type IssueOrderInput = z.output<typeof issueOrderSchema>;

/**
 * The corrective-order form: one new quantity per line of the original order (form fields
 * "lineId[]" and "quantity[]"). A blank or unchanged quantity leaves the line as it is;
 * 0 is allowed (the line is no longer needed, if nothing was consumed on it).
 */
export const createCorrectiveOrderSchema = z
  .strictObject({
    creationKey: uuid("La clé du formulaire"),
    originalId: uuid("Le bon de commande"),
    lineId: list,
    quantity: list,
  })
  .transform((v, ctx) => {
    const quantities: Record<string, Decimal> = {};
    if (v.lineId.length !== v.quantity.length) {
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "Les lignes envoyées sont incomplètes." });
    }
    v.lineId.forEach((id, i) => {
      const raw = (v.quantity[i] ?? "").trim();
      if (raw === "") return;
      if (!z.uuid().safeParse(id).success) {
        ctx.addIssue({ code: "custom", path: ["quantity", i], message: "Ligne inconnue." });
        return;
      }
      const q = parseQuantity(raw, { allowZero: true });
      if (!q.ok) {
        ctx.addIssue({ code: "custom", path: ["quantity", i], message: `Ligne ${i + 1} : ${q.message}` });
        return;
      }
      quantities[id] = q.value;
    });
    return { creationKey: v.creationKey, originalId: v.originalId, quantities };
  });
export type CreateCorrectiveOrderInput = z.output<typeof createCorrectiveOrderSchema>;

/** Completing and closing: the order, the version the person saw, and an explicit confirmation. */
export const orderTransitionSchema = z.strictObject({
  id: uuid("Le bon de commande"),
  version,
  confirm: z.literal("on", { error: "Cochez la case pour confirmer." }),
});

export const cancelOrderSchema = z.strictObject({
  id: uuid("Le bon de commande"),
  version,
  reason: text("Le motif d'annulation", 1000).refine(
    (s) => s.length >= 5,
    "Précisez le motif (5 caractères au moins).",
  ),
});

export const acknowledgeOrderSchema = z.strictObject({ id: uuid("Le bon de commande"), version });

export const observationSchema = z.strictObject({
  id: uuid("Le bon de commande"),
  text: text("L'observation", 2000),
});

export const orderFiltersSchema = z.object({
  q: optionalText("La recherche", 50).catch(null),
  status: z
    .enum(["DRAFT", "ISSUED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED", "CANCELLED"])
    .optional()
    .catch(undefined),
  productId: z.uuid().optional().catch(undefined),
  contractorId: z.uuid().optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  // Drill-down from the consolidated dashboard (/pilotage): the orders behind one figure.
  beneficiaryId: z.uuid().optional().catch(undefined),
  uoTypeId: z.uuid().optional().catch(undefined),
  figure: z.enum(["committed", "consumed", "certified", "invoiced", "paid"]).optional().catch(undefined),
  figureFrom: z.string().optional().catch(undefined),
  figureTo: z.string().optional().catch(undefined),
  sort: z.enum(["number", "createdAt", "total", "startsOn"]).default("createdAt").catch("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
});
export type OrderFilters = z.output<typeof orderFiltersSchema>;
