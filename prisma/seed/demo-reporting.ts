// Demo risks and impact indicators (CCTP §3.3): risks in every band, open and closed, signalled
// by the contractors on products they have orders for, and six months of indicators for a
// few products. Deterministic (fixed dates and figures). Inserted directly, with their audit
// events, like the demo orders.
import type { Prisma, RiskLevel, RiskStatus } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;

type DemoRisk = {
  product: string;
  contractor: string;
  title: string;
  description: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigation: string;
  owner: string;
  status: RiskStatus;
  createdAt: string;
};

const RISKS: DemoRisk[] = [
  {
    product: "Code du travail numérique",
    contractor: "Coopérative Numérique Ouverte",
    title: "Départ annoncé du développeur senior",
    description:
      "Le développeur senior, seul à maîtriser le moteur de recherche, quitte l'équipe fin janvier. Sans transmission, les évolutions de la recherche s'arrêtent.",
    likelihood: "HIGH",
    impact: "HIGH",
    mitigation: "Binôme avec un développeur confirmé dès décembre ; documentation du moteur de recherche.",
    owner: "Responsable de l'équipe",
    status: "OPEN",
    createdAt: "2026-10-06T09:00:00Z",
  },
  {
    product: "Code du travail numérique",
    contractor: "Coopérative Numérique Ouverte",
    title: "Dépendance à l'API Légifrance",
    description: "Les fiches s'appuient sur l'API Légifrance, dont une nouvelle version est annoncée.",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation:
      "Suivre le calendrier de la DILA ; tests automatiques sur la nouvelle version dès sa mise à disposition.",
    owner: "Développeur confirmé",
    status: "OPEN",
    createdAt: "2026-07-15T10:30:00Z",
  },
  {
    product: "Code du travail numérique",
    contractor: "Coopérative Numérique Ouverte",
    title: "Retard de l'homologation de sécurité",
    description: "Le dossier d'homologation n'était pas prêt pour le comité de juin.",
    likelihood: "LOW",
    impact: "MEDIUM",
    mitigation: "Dossier complété ; homologation prononcée début juillet.",
    owner: "Product manager",
    status: "CLOSED",
    createdAt: "2026-06-02T14:00:00Z",
  },
  {
    product: "Annuaire des entreprises",
    contractor: "Coopérative Numérique Ouverte",
    title: "Montée en charge lors des pics de consultation",
    description: "Les pics de la campagne de déclarations pourraient saturer le service de recherche.",
    likelihood: "MEDIUM",
    impact: "CRITICAL",
    mitigation: "Tests de charge mensuels ; mise en cache des fiches les plus consultées.",
    owner: "Devops senior",
    status: "OPEN",
    createdAt: "2026-09-01T08:45:00Z",
  },
  {
    product: "Carnet de bord",
    contractor: "Atelier Produit",
    title: "Convention d'accès aux données non signée",
    description:
      "Sans la convention d'échange de données avec France Travail, le carnet ne peut pas être ouvert aux conseillers.",
    likelihood: "CRITICAL",
    impact: "CRITICAL",
    mitigation: "Relance du bénéficiaire et point hebdomadaire avec le délégué à la protection des données.",
    owner: "Product manager junior",
    status: "OPEN",
    createdAt: "2026-10-20T11:00:00Z",
  },
  {
    product: "Carnet de bord",
    contractor: "Atelier Produit",
    title: "Adoption faible par les conseillers",
    description: "Les conseillers utilisent encore leurs tableurs habituels.",
    likelihood: "HIGH",
    impact: "MEDIUM",
    mitigation: "Ateliers de prise en main dans trois départements pilotes.",
    owner: "Designer",
    status: "OPEN",
    createdAt: "2026-10-21T15:20:00Z",
  },
  {
    product: "Signalement des nuisances",
    contractor: "Atelier Produit",
    title: "Arrêt du produit décidé par le comité",
    description: "Le comité d'investissement pouvait décider l'arrêt faute d'usage suffisant.",
    likelihood: "HIGH",
    impact: "CRITICAL",
    mitigation: "Réversibilité préparée ; le comité a décidé l'arrêt le 29 avril 2025.",
    owner: "Responsable de l'équipe",
    status: "CLOSED",
    createdAt: "2025-01-13T09:00:00Z",
  },
];

/** Six months of indicators per product: monthly active users, satisfaction in tenths (or none). */
const INDICATORS: Array<{
  product: string;
  rows: Array<[month: string, users: number, tenths: number | null]>;
}> = [
  {
    product: "Code du travail numérique",
    rows: [
      ["2026-05", 412_000, 81],
      ["2026-06", 398_500, 82],
      ["2026-07", 351_200, 82],
      ["2026-08", 298_700, null],
      ["2026-09", 436_900, 83],
      ["2026-10", 452_300, 84],
    ],
  },
  {
    product: "Mon espace permis",
    rows: [
      ["2026-05", 18_400, 74],
      ["2026-06", 21_050, 76],
      ["2026-07", 23_900, 77],
      ["2026-08", 22_100, 77],
      ["2026-09", 26_800, 79],
      ["2026-10", 29_350, 80],
    ],
  },
  {
    product: "Annuaire des entreprises",
    rows: [
      ["2026-05", 1_204_000, null],
      ["2026-06", 1_187_500, null],
      ["2026-07", 1_023_400, null],
      ["2026-08", 954_800, null],
      ["2026-09", 1_312_600, 86],
      ["2026-10", 1_355_900, 87],
    ],
  },
];

const LOGIN_OF_CONTRACTOR: Record<string, "lea" | "hugo"> = {
  "Coopérative Numérique Ouverte": "lea",
  "Atelier Produit": "hugo",
};

export async function seedDemoReporting(
  tx: Tx,
  users: { lea: string; hugo: string; paul: string; sophie: string; claire: string },
) {
  const products = new Map(
    (await tx.product.findMany({ select: { id: true, name: true, beneficiaryId: true } })).map((p) => [
      p.name,
      p,
    ]),
  );
  const contractors = new Map(
    (await tx.contractor.findMany({ select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );
  for (const r of RISKS) {
    const product = products.get(r.product);
    const contractorId = contractors.get(r.contractor);
    const login = LOGIN_OF_CONTRACTOR[r.contractor];
    if (!product || !contractorId || !login)
      throw new Error(`Risque de démonstration incohérent : ${r.title}`);
    const createdAt = new Date(r.createdAt);
    const risk = await tx.risk.create({
      data: {
        productId: product.id,
        contractorId,
        title: r.title,
        description: r.description,
        likelihood: r.likelihood,
        impact: r.impact,
        mitigation: r.mitigation,
        owner: r.owner,
        status: "OPEN",
        createdById: users[login],
        createdAt,
        updatedAt: createdAt,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        occurredAt: createdAt,
        actorUserId: users[login],
        actorRole: "CONTRACTOR",
        actorOrgId: `contractor:${contractorId}`,
        actorOrgName: r.contractor,
        action: "risk.create",
        entityType: "Risk",
        entityId: risk.id,
        after: { demo: true, title: r.title, likelihood: r.likelihood, impact: r.impact, status: "OPEN" },
      },
    });
    if (r.status === "CLOSED") {
      const closedAt = new Date(createdAt.getTime() + 30 * 86_400_000);
      await tx.risk.update({
        where: { id: risk.id },
        data: { status: "CLOSED", version: 2, updatedAt: closedAt },
      });
      await tx.auditEvent.create({
        data: {
          occurredAt: closedAt,
          actorUserId: users[login],
          actorRole: "CONTRACTOR",
          actorOrgId: `contractor:${contractorId}`,
          actorOrgName: r.contractor,
          action: "risk.update",
          entityType: "Risk",
          entityId: risk.id,
          before: { demo: true, status: "OPEN" },
          after: { demo: true, status: "CLOSED" },
        },
      });
    }
  }
  const enteredBy: Record<string, string> = {};
  for (const m of await tx.membership.findMany({
    where: { role: "BENEFICIARY", active: true, userId: { in: [users.paul, users.sophie, users.claire] } },
    select: { userId: true, beneficiaryId: true },
  })) {
    if (m.beneficiaryId) enteredBy[m.beneficiaryId] = m.userId;
  }
  for (const { product: name, rows } of INDICATORS) {
    const product = products.get(name);
    const author = product ? enteredBy[product.beneficiaryId] : undefined;
    if (!product || !author) throw new Error(`Indicateurs de démonstration incohérents : ${name}`);
    for (const [month, users_, tenths] of rows) {
      const row = await tx.productIndicator.create({
        data: {
          productId: product.id,
          month: new Date(`${month}-01T00:00:00Z`),
          monthlyActiveUsers: users_,
          satisfactionTenths: tenths,
          enteredById: author,
          createdAt: new Date(`${month}-01T00:00:00Z`),
          updatedAt: new Date(`${month}-01T00:00:00Z`),
        },
        select: { id: true },
      });
      await tx.auditEvent.create({
        data: {
          occurredAt: new Date(`${month}-01T00:00:00Z`),
          actorUserId: author,
          actorRole: "BENEFICIARY",
          action: "indicator.create",
          entityType: "ProductIndicator",
          entityId: row.id,
          after: { demo: true, month, monthlyActiveUsers: users_, satisfactionTenths: tenths },
        },
      });
    }
  }
}
