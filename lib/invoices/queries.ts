import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { dateToIso, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isoMinusDays, LEGAL_PAYMENT_DELAY_DAYS, type PaymentDelay, paymentDelay } from "./rules";
import type { InvoiceFilters } from "./schemas";

type Scope = { kind: "all" } | { kind: "beneficiary"; id: string } | { kind: "contractor"; id: string };

/** Whose invoices the actor sees: DINUM all; a beneficiary its orders'; a contractor its own. */
function invoiceScope(actor: Actor): Scope {
  if (can(actor, "order:readAll")) return { kind: "all" };
  if (!can(actor, "order:readOwn")) throw forbidden();
  const m = actor.membership;
  if (m.role === "BENEFICIARY" && m.beneficiaryId) return { kind: "beneficiary", id: m.beneficiaryId };
  if (m.role === "CONTRACTOR" && m.contractorId) return { kind: "contractor", id: m.contractorId };
  throw forbidden();
}

function scopeWhere(scope: Scope): Prisma.InvoiceWhereInput {
  if (scope.kind === "beneficiary") return { serviceFait: { order: { beneficiaryId: scope.id } } };
  if (scope.kind === "contractor") return { contractorId: scope.id };
  return {};
}

/**
 * Ids of the late invoices in scope: paid after more than 30 days, or unpaid for more than
 * 30 days today. A difference of two columns, hence SQL (`date - date` is a number of days).
 */
async function lateInvoiceIds(scope: Scope, today: string): Promise<string[]> {
  const db = await getDb();
  const cutoff = isoMinusDays(today, LEGAL_PAYMENT_DELAY_DAYS);
  const scopeSql =
    scope.kind === "beneficiary"
      ? Prisma.sql`AND o."beneficiaryId" = ${scope.id}::uuid`
      : scope.kind === "contractor"
        ? Prisma.sql`AND i."contractorId" = ${scope.id}::uuid`
        : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT i."id"::text AS id
      FROM "Invoice" i
      JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
      JOIN "PurchaseOrder" o ON o."id" = s."orderId"
     WHERE ((i."paidOn" IS NULL AND i."receivedOn" < ${cutoff}::date)
            OR (i."paidOn" - i."receivedOn") > ${LEGAL_PAYMENT_DELAY_DAYS}::int)
       ${scopeSql}`;
  return rows.map((r) => r.id);
}

export type InvoiceListItem = {
  id: string;
  number: string;
  receivedOn: string;
  paidOn: string | null;
  amountHtCents: bigint;
  amountTtcCents: bigint;
  delay: PaymentDelay;
  serviceFait: { id: string; number: string };
  order: { id: string; number: string; productName: string };
  beneficiaryName: string;
  contractorName: string;
};

/** The invoices in the caller's scope, newest receipt first, optionally only the late ones. */
export async function listInvoices({
  actor,
  page,
  filters,
}: {
  actor: Actor;
  page: number;
  filters: InvoiceFilters;
}): Promise<Page<InvoiceListItem>> {
  const scope = invoiceScope(actor);
  const today = todayIso();
  const where: Prisma.InvoiceWhereInput = filters.late
    ? { AND: [scopeWhere(scope), { id: { in: await lateInvoiceIds(scope, today) } }] }
    : scopeWhere(scope);
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.invoice.findMany({
      where,
      orderBy: [{ receivedOn: "desc" }, { id: "asc" }],
      ...skipTake(page),
      select: {
        id: true,
        number: true,
        receivedOn: true,
        paidOn: true,
        amountHtCents: true,
        amountTtcCents: true,
        contractor: { select: { name: true } },
        serviceFait: {
          select: {
            id: true,
            number: true,
            order: {
              select: {
                id: true,
                number: true,
                product: { select: { name: true } },
                beneficiary: { select: { name: true } },
              },
            },
          },
        },
      },
    }),
    db.invoice.count({ where }),
  ]);
  return toPage(
    rows.map((r) => {
      const receivedOn = dateToIso(r.receivedOn);
      const paidOn = r.paidOn ? dateToIso(r.paidOn) : null;
      return {
        id: r.id,
        number: r.number,
        receivedOn,
        paidOn,
        amountHtCents: r.amountHtCents,
        amountTtcCents: r.amountTtcCents,
        delay: paymentDelay({ receivedOn, paidOn }, today),
        serviceFait: { id: r.serviceFait.id, number: r.serviceFait.number },
        order: {
          id: r.serviceFait.order.id,
          number: r.serviceFait.order.number ?? "",
          productName: r.serviceFait.order.product.name,
        },
        beneficiaryName: r.serviceFait.order.beneficiary.name,
        contractorName: r.contractor.name,
      };
    }),
    total,
    page,
  );
}
