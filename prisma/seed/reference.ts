// Reference data of the agreement itself: needed in every environment (production too).
// Texts taken from the CCTP of consultation 21_BAM_048, §2.
import type { PrismaClient, UoFamily } from "@/generated/prisma/client";

export const AGREEMENT = {
  reference: "21_BAM_048",
  title:
    "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv",
  startsOn: new Date("2024-01-01T00:00:00Z"),
  endsOn: new Date("2027-12-31T00:00:00Z"),
  maxAmountHtCents: 9_000_000_000n, // 90 000 000,00 € HT
  vatRateBp: 2000,
};

const DEVOPS_DELIVERABLES = [
  "Le service lui-même, développé et en production",
  "Le code source de l'application",
  "Les traces des modifications apportées à l'application (changelogs, commits)",
  "La documentation nécessaire à la maintenance et l'exploitation du service",
];
const DESIGN_DELIVERABLES = [
  "Le service lui-même en production",
  "Scénarisation d'interfaces, scénarios d'usage, parcours utilisateurs, storyboards, maquettes, prototypes ou wireframes qui représentent les apprentissages de la recherche utilisateur",
];
const BIZDEV_DELIVERABLES = [
  "Une description des actions mises en œuvre dans le cadre du déploiement du service",
  "Les outils de support utilisateur utilisés",
  "La documentation des processus de support mis en place sur le service",
  "Les chiffres exprimant la satisfaction des utilisateurs liée au support (délai moyen de traitement des tickets, part des tickets traités…)",
  "Les mesures d'impact publiées",
];
const PM_DELIVERABLES = [
  "Une description des actions mises en œuvre sur le produit",
  "Les outils de gestion de produit utilisés",
  "Les analytiques générées",
];
const REVERSIBILITE_DELIVERABLES = [
  "Une documentation mise à jour",
  "Des tutoriels",
  "Un bilan de transfert de compétences",
];

const DEVOPS =
  "Conception et amélioration continue d'un service numérique dans son ensemble (ops, configuration serveur, développements front et back end, interface utilisateur), tests automatisés, déploiements automatisés, documentation.";
const DESIGN =
  "Recherche utilisateurs, conception d'expériences utilisateurs à partir de l'observation de leurs besoins, conception d'interfaces.";

export const UO_CATALOGUE: Array<{
  code: string;
  label: string;
  family: UoFamily;
  level: string | null;
  description: string;
  deliverables: string[];
}> = [
  {
    code: "DEVOPS_JUNIOR",
    label: "Devops – Junior",
    family: "DEVOPS",
    level: "Junior",
    description: `${DEVOPS} Profil de moins de 3 ans d'expérience.`,
    deliverables: DEVOPS_DELIVERABLES,
  },
  {
    code: "DEVOPS_CONFIRME",
    label: "Devops – Confirmé",
    family: "DEVOPS",
    level: "Confirmé",
    description: `${DEVOPS} Profil de 3 à 8 ans d'expérience, habitué de l'agile et des parties prenantes.`,
    deliverables: DEVOPS_DELIVERABLES,
  },
  {
    code: "DEVOPS_SENIOR",
    label: "Devops – Senior",
    family: "DEVOPS",
    level: "Senior",
    description: `${DEVOPS} Profil d'au moins 8 ans d'expérience, habitué à diriger une équipe.`,
    deliverables: DEVOPS_DELIVERABLES,
  },
  {
    code: "DESIGN_JUNIOR",
    label: "Design – Junior",
    family: "DESIGN",
    level: "Junior",
    description: `${DESIGN} Profil de moins de 3 ans d'expérience.`,
    deliverables: DESIGN_DELIVERABLES,
  },
  {
    code: "DESIGN_CONFIRME",
    label: "Design – Confirmé",
    family: "DESIGN",
    level: "Confirmé",
    description: `${DESIGN} Profil de plus de 3 ans d'expérience.`,
    deliverables: DESIGN_DELIVERABLES,
  },
  {
    code: "BIZDEV_CUSTOMER_SUCCESS",
    label: "Déploiement et service aux utilisateurs (Bizdev – Customer Success)",
    family: "BIZDEV",
    level: null,
    description:
      "Stratégie de croissance du service, suivi des métriques d'usage, animation d'une communauté de partenaires, support utilisateur et amélioration du tunnel de conversion.",
    deliverables: BIZDEV_DELIVERABLES,
  },
  {
    code: "PM_JUNIOR",
    label: "Product Management – Junior",
    family: "PRODUCT_MANAGEMENT",
    level: "Junior",
    description:
      "Tests utilisateurs, écoute des parties prenantes, priorisation, feuille de route et mesure d'impact. Plus de 6 mois d'expérience en startup.",
    deliverables: PM_DELIVERABLES,
  },
  {
    code: "PM",
    label: "Product Management",
    family: "PRODUCT_MANAGEMENT",
    level: null,
    description:
      "Tests utilisateurs, écoute des parties prenantes, priorisation, feuille de route et mesure d'impact. Plus de 3 ans d'expérience en startup.",
    deliverables: PM_DELIVERABLES,
  },
  {
    code: "REVERSIBILITE",
    label: "Réversibilité",
    family: "REVERSIBILITE",
    level: null,
    description:
      "Transfert des compétences techniques et fonctionnelles d'un produit vers le nouveau titulaire à la fin du marché, sur décision du bénéficiaire. Un mois au plus par produit.",
    deliverables: REVERSIBILITE_DELIVERABLES,
  },
];

/** Creates the agreement and its UO catalogue when missing. Returns the agreement id. */
export async function seedReference(db: PrismaClient): Promise<string> {
  const existing = await db.frameworkAgreement.findUnique({
    where: { reference: AGREEMENT.reference },
    select: { id: true },
  });
  if (existing) return existing.id;
  return db.$transaction(async (tx) => {
    const agreement = await tx.frameworkAgreement.create({ data: AGREEMENT, select: { id: true } });
    await tx.uoType.createMany({
      data: UO_CATALOGUE.map((uo, i) => ({
        ...uo,
        agreementId: agreement.id,
        daysPerUnit: 20,
        sortOrder: i + 1,
      })),
    });
    await tx.auditEvent.create({
      data: {
        action: "agreement.seed",
        entityType: "FrameworkAgreement",
        entityId: agreement.id,
        after: { reference: AGREEMENT.reference, uoTypes: UO_CATALOGUE.map((u) => u.code) },
      },
    });
    return agreement.id;
  });
}
