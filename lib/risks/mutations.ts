import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError, forbidden, notFound, staleVersion } from "@/lib/errors";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { riskMail } from "./notifications";
import { canEditRisk, canRecordRisks, canSeeRisk, RISK_ELIGIBLE_ORDER_STATUSES } from "./policies";
import { type RiskMailEvent, riskMailEvent, severityOf } from "./rules";
import type { CreateRiskInput, UpdateRiskInput } from "./schemas";

type Tx = Prisma.TransactionClient;

/** Active beneficiary correspondents of the organisation that owns the product. */
async function beneficiaryCorrespondents(tx: Tx, beneficiaryId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { beneficiaryId, role: "BENEFICIARY", active: true, user: { active: true } },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(rows.map((r) => r.user.email))];
}

type MailRisk = Parameters<typeof riskMail>[1];

async function notify(tx: Tx, event: RiskMailEvent | null, beneficiaryId: string, risk: MailRisk) {
  if (!event) return;
  const to = await beneficiaryCorrespondents(tx, beneficiaryId);
  const mail = riskMail(event, risk);
  await enqueueNotifications(
    tx,
    to.map((toEmail) => ({ toEmail, ...mail, entityType: "Risk", entityId: risk.id })),
  );
}

/** The stored fields of a risk, from the form (empty optional texts are stored as ""). */
function riskFields(input: Omit<CreateRiskInput, "productId">) {
  return {
    title: input.title,
    description: input.description ?? "",
    likelihood: input.likelihood,
    impact: input.impact,
    mitigation: input.mitigation ?? "",
    owner: input.owner ?? "",
  };
}

/**
 * Records a risk on a product the actor's company works on: it must have (or have had) an
 * order for that product addressed to it, issued (not a draft, not cancelled). The company
 * and the author come from the session. The order row is share-locked so a cancellation
 * running at the same time is ordered after this creation.
 */
export async function createRisk({ actor, input }: { actor: Actor; input: CreateRiskInput }) {
  if (!canRecordRisks(actor)) throw forbidden();
  const contractorId = actor.membership.contractorId as string;
  const db = await getDb();
  const created = await db.$transaction(async (tx) => {
    const [eligible] = await tx.$queryRaw<
      Array<{ productName: string; beneficiaryId: string; beneficiaryName: string }>
    >`
      SELECT p."name" AS "productName", p."beneficiaryId", b."name" AS "beneficiaryName"
        FROM "PurchaseOrder" o
        JOIN "Product" p ON p."id" = o."productId"
        JOIN "Beneficiary" b ON b."id" = p."beneficiaryId"
       WHERE o."productId" = ${input.productId}::uuid
         AND o."contractorId" = ${contractorId}::uuid
         AND o."status"::text IN (${Prisma.join([...RISK_ELIGIBLE_ORDER_STATUSES])})
       LIMIT 1
       FOR SHARE OF o`;
    if (!eligible) {
      throw new AppError(
        "NOT_FOUND",
        "Ce produit est introuvable, ou votre société n'a reçu aucun bon de commande pour lui : vous ne pouvez pas y signaler de risque.",
        { productId: ["Choisissez un produit pour lequel votre société a reçu un bon de commande."] },
      );
    }
    const fields = riskFields(input);
    const risk = await tx.risk.create({
      data: { ...fields, productId: input.productId, contractorId, createdById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "risk.create",
      entityType: "Risk",
      entityId: risk.id,
      after: {
        ...fields,
        productId: input.productId,
        contractorId,
        status: "OPEN",
        severity: severityOf(fields.likelihood, fields.impact),
      },
    });
    await notify(tx, "created", eligible.beneficiaryId, {
      id: risk.id,
      ...fields,
      status: "OPEN",
      productName: eligible.productName,
      beneficiaryName: eligible.beneficiaryName,
      contractorName: actor.membership.organisationName,
    });
    return { id: risk.id };
  });
  notifyAfterCommit();
  return created;
}

/**
 * Updates a risk of the actor's company (optimistic lock: a stale form is refused with
 * "modifié entre-temps", nothing is lost). The beneficiary is told when the risk is closed or
 * its severity rises.
 */
export async function updateRisk({ actor, input }: { actor: Actor; input: UpdateRiskInput }) {
  if (!canRecordRisks(actor)) throw forbidden();
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const risk = await tx.risk.findUnique({
      where: { id: input.id },
      select: {
        id: true,
        contractorId: true,
        title: true,
        description: true,
        likelihood: true,
        impact: true,
        mitigation: true,
        owner: true,
        status: true,
        version: true,
        contractor: { select: { name: true } },
        product: { select: { name: true, beneficiaryId: true, beneficiary: { select: { name: true } } } },
      },
    });
    if (
      !risk ||
      !canSeeRisk(actor, {
        contractorId: risk.contractorId,
        productBeneficiaryId: risk.product.beneficiaryId,
      })
    ) {
      throw notFound("Ce risque");
    }
    if (!canEditRisk(actor, risk))
      throw forbidden("Seul le titulaire qui a signalé ce risque peut le modifier.");
    const fields = { ...riskFields(input), status: input.status };
    const { count } = await tx.risk.updateMany({
      where: { id: risk.id, version: input.version, contractorId: risk.contractorId },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    const { contractor, product, contractorId: _c, id: _id, ...before } = risk;
    await recordAudit(tx, actor, {
      action: "risk.update",
      entityType: "Risk",
      entityId: risk.id,
      before: { ...before, severity: severityOf(before.likelihood, before.impact) },
      after: {
        ...fields,
        version: input.version + 1,
        severity: severityOf(fields.likelihood, fields.impact),
      },
    });
    const event = riskMailEvent(before, fields);
    await notify(tx, event, product.beneficiaryId, {
      id: risk.id,
      ...fields,
      productName: product.name,
      beneficiaryName: product.beneficiary.name,
      contractorName: contractor.name,
      ...(event === "raised" ? { previousSeverity: severityOf(before.likelihood, before.impact) } : {}),
    });
  });
  notifyAfterCommit();
}
