// Invoices in the authorization matrix: the contractor of the order records an invoice
// against its certified service fait; the ordering ministry records its payment.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { recordInvoice, recordPayment } from "@/lib/invoices/mutations";
import { recordInvoiceSchema, recordPaymentSchema } from "@/lib/invoices/schemas";
import { issueServiceFait } from "@/lib/service-fait/mutations";
import type { Case, Cast, Kit, Owner } from "../authorization.test";
import { issueForm, orderWithReport } from "./service-fait.cases";

/** A certified service fait (5 days: 2 875,00 € HT) on `owner`'s order to contractor X. */
async function certified(db: PrismaClient, c: Cast, owner: Owner, kit: Kit) {
  const beneficiary = owner === "benB" ? "benB" : "benA";
  const orderId = await orderWithReport(db, c, beneficiary, kit);
  const sf = await issueServiceFait({
    actor: beneficiary === "benB" ? c.beneficiaryB : c.beneficiaryA,
    input: issueForm(orderId),
  });
  return sf.id;
}

export function cases(kit: Kit): Case[] {
  return [
    {
      mutation: "recordInvoice",
      requirement: { kind: "scoped", own: "invoice:recordOwn" },
      owners: ["conX"],
      prepare: (db, c) => certified(db, c, "benA", kit),
      run: (actor, serviceFaitId) =>
        recordInvoice({
          actor,
          input: recordInvoiceSchema.parse({
            serviceFaitId,
            number: `FAC-${kit.uniq()}`,
            receivedOn: "2026-05-10",
            amountHt: "2 875,00",
            amountTtc: "3 450,00",
          }),
        }),
    },
    {
      mutation: "recordPayment",
      requirement: { kind: "scoped", own: "payment:recordOwn" },
      owners: ["benA", "benB"],
      prepare: async (db, c, owner) => {
        const serviceFaitId = await certified(db, c, owner, kit);
        const invoice = await db.invoice.create({
          data: {
            serviceFaitId,
            contractorId: c.orgs.conX.id,
            number: `FAC-${randomUUID().slice(0, 8)}`,
            receivedOn: new Date("2026-05-10T00:00:00Z"),
            amountHtCents: 287_500n,
            amountTtcCents: 345_000n,
            recordedById: c.contractorX.userId,
          },
        });
        return invoice.id;
      },
      run: (actor, invoiceId) =>
        recordPayment({
          actor,
          input: recordPaymentSchema.parse({ invoiceId, version: "1", paidOn: "2026-06-01" }),
        }),
    },
  ];
}
