// The write scenarios, timed in-process on the same database: the mutation functions the
// server actions call (authorisation, one transaction, audit, notifications), with a pool of
// DATABASE_POOL_SIZE connections as in the server. What this leaves out — the action's POST
// decoding and the page's revalidation — is a few milliseconds of the server's own work.
import { randomUUID } from "node:crypto";
import { loadActor } from "@/lib/auth/queries";
import { todayIso } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { createOrderDraft, issueOrder } from "@/lib/orders/mutations";
import { createOrderSchema, issueOrderSchema } from "@/lib/orders/schemas";
import { checkInvariants } from "@/scripts/data-generator/invariants";
import { optionalModule } from "./optional";
import type { InProcessResult, InProcessScenario } from "./scenarios";

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t = performance.now();
  try {
    await fn();
    return { ms: performance.now() - t, error: null };
  } catch (error) {
    return { ms: performance.now() - t, error };
  }
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * `rounds` × `concurrency` drafts of the largest beneficiary (one line of 1 UO each) are
 * created first, untimed; then each round issues `concurrency` of them at once. The ceiling
 * and the yearly numbering serialise on two rows: what is measured is the queue on them.
 * Afterwards, the invariants that issuing touches are checked on the whole database.
 */
export function issueOrdersScenario(opts: { rounds: number; concurrency: number }): InProcessScenario {
  return {
    id: "issue-concurrent",
    label: `Émission de bons de commande, ${opts.concurrency} en parallèle (in-process, couche de données)`,
    target: { p95Ms: 250 },
    run: async (ctx) => {
      const p = ctx.personas.beneficiary;
      const actor = await loadActor({ userId: p.userId, membershipId: p.membershipId });
      if (!actor) throw new Error("Le correspondant du plus gros bénéficiaire n'a pas d'accès.");
      const { rows } = await ctx.pool.query(
        `SELECT (SELECT "id"::text FROM "Product" WHERE "beneficiaryId" = $1::uuid AND "kind" = 'STARTUP_ETAT'
                  ORDER BY "name" LIMIT 1) AS product,
                (SELECT "id"::text FROM "UoType" WHERE "code" = 'DEVOPS_CONFIRME') AS uo`,
        [ctx.largestBeneficiary.id],
      );
      const { product, uo } = rows[0] as { product: string; uo: string };
      const today = todayIso();
      const total = opts.rounds * opts.concurrency;
      const drafts: string[] = [];
      for (let i = 0; i < total; i++) {
        const { id } = await createOrderDraft({
          actor,
          input: createOrderSchema.parse({
            creationKey: randomUUID(),
            productId: product,
            contractorId: ctx.largestOrder.contractorId,
            startsOn: addDays(today, 30),
            endsOn: addDays(today, 120),
            chorusServiceCode: "BENCH01",
            billingAddress: "Banc de mesure\n75007 Paris",
            uoTypeId: [uo],
            quantity: ["1"],
            deliverables: [""],
          }),
        });
        drafts.push(id);
      }
      const result: InProcessResult = { latenciesMs: [], expectedRefusals: 0, errors: [], notes: [] };
      for (let r = 0; r < opts.rounds; r++) {
        const batch = drafts.slice(r * opts.concurrency, (r + 1) * opts.concurrency);
        const outcomes = await Promise.all(
          batch.map((id) =>
            timed(() =>
              issueOrder({
                actor,
                input: issueOrderSchema.parse({
                  id,
                  version: "1",
                  legalCommitmentNumber: "1300000000",
                  signatoryName: "Banc de mesure",
                  confirm: "on",
                }),
              }),
            ),
          ),
        );
        for (const o of outcomes) {
          result.latenciesMs.push(o.ms);
          if (o.error === null) continue;
          if (isAppError(o.error) && /montant maximum/.test(o.error.message)) result.expectedRefusals++;
          else result.errors.push(o.error instanceof Error ? o.error.message : String(o.error));
        }
      }
      const issued = await ctx.pool.query(
        `SELECT count(*)::int AS n FROM "PurchaseOrder" WHERE "id" = ANY($1::uuid[]) AND "status" = 'ISSUED'`,
        [drafts],
      );
      const n = (issued.rows[0] as { n: number }).n;
      result.notes.push(`${n} émis sur ${total}, ${result.expectedRefusals} refus du plafond`);
      if (n + result.expectedRefusals + result.errors.length !== total) {
        result.errors.push(`${total} émissions tentées, ${n} bons émis en base`);
      }
      result.invariantFailures = await checkInvariants(
        async <T>(sql: string, params?: unknown[]) => (await ctx.pool.query(sql, params)).rows as T[],
        {
          only: ["ceiling", "order committed", "closed order", "order numbers", "line days"],
          foreignKeys: false,
        },
      );
      return result;
    },
  };
}

type SaveReport = (args: { actor: unknown; input: unknown }) => Promise<unknown>;
type Schema = { parse: (v: unknown) => unknown };

/**
 * Saving a monthly activity grid (the contractor's correspondent re-saves the current
 * month's draft of an order in progress, cell values unchanged), `concurrency` orders at
 * a time, `passes` times over up to 20 orders.
 */
export function saveGridScenario(opts: { passes: number; concurrency: number }): InProcessScenario {
  return {
    id: "activity-save",
    label: "Enregistrement d'une grille d'activité mensuelle (in-process, couche de données)",
    target: { p95Ms: 200 },
    run: async (ctx) => {
      const mutations = await optionalModule<{ saveReport?: SaveReport }>("@/lib/activity/mutations");
      const schemas = await optionalModule<{ saveReportSchema?: Schema }>("@/lib/activity/schemas");
      if (!mutations?.saveReport || !schemas?.saveReportSchema) return null;
      const { saveReport } = mutations;
      const { saveReportSchema } = schemas;
      const p = ctx.personas.contractor;
      const actor = await loadActor({ userId: p.userId, membershipId: p.membershipId });
      if (!actor) throw new Error("Le correspondant du titulaire n'a pas d'accès.");
      const month = todayIso().slice(0, 7);
      const monthStart = `${month}-01`;
      const { rows: orders } = await ctx.pool.query(
        `SELECT o."id"::text AS id FROM "PurchaseOrder" o
          WHERE o."contractorId" = $1::uuid AND o."status" = 'IN_PROGRESS' AND o."correctsOrderId" IS NULL
            AND o."startsOn" <= ($2::date + interval '1 month' - interval '1 day') AND o."endsOn" >= $2::date
            AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a."orderId" = o."id")
            AND NOT EXISTS (SELECT 1 FROM "ActivityReport" r WHERE r."orderId" = o."id" AND r."month" = $2::date
                              AND r."adjustsReportId" IS NULL AND r."status" IN ('SUBMITTED', 'VALIDATED'))
          ORDER BY o."id" LIMIT 20`,
        [ctx.largestOrder.contractorId, monthStart],
      );
      if (orders.length === 0) throw new Error("Aucune commande en cours à déclarer ce mois-ci.");
      /** The form as the page would post it: the month's assignments, their current cells. */
      const form = async (orderId: string) => {
        const { rows: cells } = await ctx.pool.query(
          `SELECT a."id"::text AS "assignmentId", coalesce(e."days", 0)::text AS days,
                  coalesce(e."nonBillableDays", 0)::text AS "nonBillableDays"
             FROM "Assignment" a
             LEFT JOIN "ActivityReport" r ON r."orderId" = a."orderId" AND r."month" = $2::date AND r."adjustsReportId" IS NULL
             LEFT JOIN "ActivityEntry" e ON e."reportId" = r."id" AND e."assignmentId" = a."id"
            WHERE a."orderId" = $1::uuid AND a."startsOn" <= ($2::date + interval '1 month' - interval '1 day')
              AND a."endsOn" >= $2::date
            ORDER BY a."id"`,
          [orderId, monthStart],
        );
        const { rows: rep } = await ctx.pool.query(
          `SELECT "version", "activities" FROM "ActivityReport"
            WHERE "orderId" = $1::uuid AND "month" = $2::date AND "adjustsReportId" IS NULL`,
          [orderId, monthStart],
        );
        const report = rep[0] as { version: number; activities: string } | undefined;
        return saveReportSchema.parse({
          orderId,
          month,
          version: report ? String(report.version) : "",
          activities: report?.activities ?? "Banc de mesure.",
          assignmentId: cells.map((c) => c.assignmentId),
          days: cells.map((c) => String(c.days).replace(".", ",")),
          nonBillableDays: cells.map((c) => String(c.nonBillableDays).replace(".", ",")),
          intent: "save",
        });
      };
      const result: InProcessResult = { latenciesMs: [], expectedRefusals: 0, errors: [], notes: [] };
      const ids = orders.map((o) => o.id as string);
      for (let pass = 0; pass < opts.passes; pass++) {
        for (let i = 0; i < ids.length; i += opts.concurrency) {
          const batch = ids.slice(i, i + opts.concurrency);
          const inputs = await Promise.all(batch.map(form));
          const outcomes = await Promise.all(
            inputs.map((input) => timed(() => saveReport({ actor, input }))),
          );
          for (const o of outcomes) {
            result.latenciesMs.push(o.ms);
            if (o.error !== null)
              result.errors.push(o.error instanceof Error ? o.error.message : String(o.error));
          }
        }
      }
      result.notes.push(`${ids.length} commandes, ${opts.passes} passages, ${opts.concurrency} à la fois`);
      return result;
    },
  };
}

/**
 * Waits for the background delivery of the mails the mutations queued (lib/notifications
 * delivers after commit, in this process), so the database is not closed under it.
 */
export async function settleNotifications(timeoutMs = 180_000): Promise<void> {
  const state = () =>
    (globalThis as unknown as { __commandesNotifications?: { running: boolean } }).__commandesNotifications;
  const deadline = Date.now() + timeoutMs;
  while (state()?.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
