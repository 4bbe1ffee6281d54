// Demo data: organisations, correspondents, products and price schedules that let every
// role try the portal. Loaded on first run of the embedded database (npm run demo), or on
// a PostgreSQL database with `npm run db:seed -- --demo`. Never in production.
import type { PrismaClient, ProductKind, ProductPhaseName } from "@/generated/prisma/client";
import accounts from "./demo-accounts.json";
import { seedDemoActivity } from "./demo-activity";
import { seedDemoOrders } from "./demo-orders";
import { seedDemoReporting } from "./demo-reporting";
import { seedReference } from "./reference";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const DEMO_BENEFICIARIES = [
  {
    key: "dinum",
    name: "Direction interministérielle du numérique",
    acronym: "DINUM",
    siret: "13002526500013",
    isDinum: true,
    chorusServiceCode: "DINUM0001",
    postalAddress: "20 avenue de Ségur\n75007 Paris",
    billingAddress: "DINUM – Service financier\n20 avenue de Ségur\n75007 Paris",
  },
  {
    key: "travail",
    name: "Ministère du Travail et des Solidarités",
    acronym: "MTS",
    siret: "11000045600019",
    isDinum: false,
    chorusServiceCode: "MTS0042",
    postalAddress: "127 rue de Grenelle\n75007 Paris",
    billingAddress: "Centre de services partagés Chorus\n14 avenue Duquesne\n75350 Paris 07 SP",
  },
  {
    key: "interieur",
    name: "Ministère de l'Intérieur",
    acronym: "MI",
    siret: "11000515200019",
    isDinum: false,
    chorusServiceCode: "MI00DNUM",
    postalAddress: "Place Beauvau\n75008 Paris",
    billingAddress: "Direction du numérique – pôle financier\nPlace Beauvau\n75800 Paris Cedex 08",
  },
  {
    key: "ecologie",
    name: "Ministère de la Transition écologique",
    acronym: "MTE",
    siret: "11000245400012",
    isDinum: false,
    chorusServiceCode: "MTE0101",
    postalAddress: "246 boulevard Saint-Germain\n75007 Paris",
    billingAddress: "SG/SNUM – Tour Séquoia\n1 place Carpeaux\n92800 Puteaux",
  },
  {
    key: "education",
    name: "Ministère de l'Éducation nationale",
    acronym: "MEN",
    siret: "11000725300013",
    isDinum: false,
    chorusServiceCode: "MEN0777",
    postalAddress: "110 rue de Grenelle\n75007 Paris",
    billingAddress: "DNE – Service financier\n110 rue de Grenelle\n75007 Paris",
  },
  {
    key: "justice",
    name: "Ministère de la Justice",
    acronym: "MJ",
    siret: "11000962400013",
    isDinum: false,
    chorusServiceCode: "MJ0SNUM1",
    postalAddress: "13 place Vendôme\n75001 Paris",
    billingAddress: "Secrétariat général – SNUM\n35 rue de la Gare\n75019 Paris",
  },
  {
    key: "culture",
    name: "Ministère de la Culture",
    acronym: "MC",
    siret: "11000467700016",
    isDinum: false,
    chorusServiceCode: "MC000321",
    postalAddress: "182 rue Saint-Honoré\n75001 Paris",
    billingAddress: "Service du numérique\n182 rue Saint-Honoré\n75001 Paris",
  },
] as const;

export const DEMO_CONTRACTORS = [
  {
    key: "cno",
    name: "Coopérative Numérique Ouverte",
    acronym: "CNO",
    siret: "85123456700010",
    postalAddress: "12 rue des Coopératives\n69002 Lyon",
  },
  {
    key: "atelier",
    name: "Atelier Produit",
    acronym: "AP",
    siret: "79234567800017",
    postalAddress: "48 boulevard Voltaire\n75011 Paris",
  },
  {
    key: "agile",
    name: "Groupement Agile & Associés",
    acronym: "GAA",
    siret: "88345678900014",
    postalAddress: "3 quai de la Fosse\n44000 Nantes",
  },
] as const;

type BenKey = (typeof DEMO_BENEFICIARIES)[number]["key"];
type ConKey = (typeof DEMO_CONTRACTORS)[number]["key"];

const PRODUCTS: Array<{
  name: string;
  owner: BenKey;
  kind: ProductKind;
  incubator: string;
  betaGouvId: string | null;
  statsUrl: string | null;
  description: string;
  phases: Array<[ProductPhaseName, string, string | null]>;
}> = [
  {
    name: "FranceConnect",
    owner: "dinum",
    kind: "DINUM_PRODUCT",
    incubator: "DINUM – IDNUM",
    betaGouvId: null,
    statsUrl: "https://franceconnect.gouv.fr/stats",
    description:
      "Fédérateur d'identité qui permet aux usagers de se connecter aux services publics en ligne avec un compte existant.",
    phases: [["OPERE", "2016-07-01", null]],
  },
  {
    name: "api.gouv.fr",
    owner: "dinum",
    kind: "DINUM_PRODUCT",
    incubator: "DINUM – Opérateur de produits",
    betaGouvId: null,
    statsUrl: "https://api.gouv.fr/stats",
    description: "Catalogue des API du service public.",
    phases: [["OPERE", "2018-03-01", null]],
  },
  {
    name: "Démarches simplifiées",
    owner: "dinum",
    kind: "DINUM_PRODUCT",
    incubator: "DINUM – Opérateur de produits",
    betaGouvId: "demarches-simplifiees",
    statsUrl: "https://www.demarches-simplifiees.fr/stats",
    description: "Plateforme de dématérialisation des démarches administratives.",
    phases: [
      ["ACCELERATION", "2018-01-01", "2019-12-31"],
      ["OPERE", "2020-01-01", null],
    ],
  },
  {
    name: "Annuaire des entreprises",
    owner: "dinum",
    kind: "STARTUP_ETAT",
    incubator: "Incubateur de la DINUM",
    betaGouvId: "annuaire-entreprises",
    statsUrl: "https://annuaire-entreprises.data.gouv.fr/stats",
    description: "Les informations publiques des entreprises et associations, en un seul endroit.",
    phases: [
      ["INVESTIGATION", "2020-09-01", "2020-11-15"],
      ["CONSTRUCTION", "2020-11-16", "2021-12-31"],
      ["ACCELERATION", "2022-01-01", null],
    ],
  },
  {
    name: "Code du travail numérique",
    owner: "travail",
    kind: "STARTUP_ETAT",
    incubator: "Fabrique numérique des ministères sociaux",
    betaGouvId: "code-du-travail-numerique",
    statsUrl: "https://code.travail.gouv.fr/stats",
    description: "Réponses personnalisées aux questions de droit du travail des salariés et employeurs.",
    phases: [
      ["CONSTRUCTION", "2018-01-01", "2019-06-30"],
      ["ACCELERATION", "2019-07-01", "2021-12-31"],
      ["CONSOLIDATION", "2022-01-01", null],
    ],
  },
  {
    name: "Carnet de bord",
    owner: "travail",
    kind: "STARTUP_ETAT",
    incubator: "Fabrique numérique des ministères sociaux",
    betaGouvId: "carnet-de-bord",
    statsUrl: null,
    description:
      "Suivi partagé du parcours d'insertion d'une personne entre les professionnels qui l'accompagnent.",
    phases: [["INVESTIGATION", "2026-09-15", null]],
  },
  {
    name: "Mon espace permis",
    owner: "interieur",
    kind: "STARTUP_ETAT",
    incubator: "Lab de l'Intérieur",
    betaGouvId: "mon-espace-permis",
    statsUrl: null,
    description: "Suivre en ligne chaque étape de son permis de conduire.",
    phases: [
      ["INVESTIGATION", "2025-09-01", "2025-10-31"],
      ["CONSTRUCTION", "2025-11-01", null],
    ],
  },
  {
    name: "Signalement des nuisances",
    owner: "interieur",
    kind: "STARTUP_ETAT",
    incubator: "Lab de l'Intérieur",
    betaGouvId: "signalement-nuisances",
    statsUrl: null,
    description: "Signaler une nuisance de voisinage et suivre la suite donnée.",
    phases: [
      ["INVESTIGATION", "2024-03-01", "2024-04-30"],
      ["CONSTRUCTION", "2024-05-01", "2025-04-30"],
      ["ABANDON", "2025-05-01", null],
    ],
  },
  {
    name: "Aides-territoires",
    owner: "ecologie",
    kind: "STARTUP_ETAT",
    incubator: "Fabrique numérique du ministère de la Transition écologique",
    betaGouvId: "aides-territoires",
    statsUrl: "https://aides-territoires.beta.gouv.fr/stats/",
    description: "Les aides publiques pour les projets des collectivités, en un seul endroit.",
    phases: [
      ["CONSTRUCTION", "2018-06-01", "2019-06-30"],
      ["ACCELERATION", "2019-07-01", "2022-12-31"],
      ["TRANSFERT", "2023-01-01", null],
    ],
  },
  {
    name: "Zéro logement vacant",
    owner: "ecologie",
    kind: "STARTUP_ETAT",
    incubator: "Fabrique numérique du ministère de la Transition écologique",
    betaGouvId: "zero-logement-vacant",
    statsUrl: "https://zerologementvacant.beta.gouv.fr/stats",
    description: "Aider les collectivités à remettre sur le marché les logements vacants.",
    phases: [
      ["CONSTRUCTION", "2020-01-01", "2021-06-30"],
      ["ACCELERATION", "2021-07-01", null],
    ],
  },
  {
    name: "Mon stage de 3e",
    owner: "education",
    kind: "STARTUP_ETAT",
    incubator: "Incubateur de l'Éducation nationale",
    betaGouvId: "mon-stage-de-troisieme",
    statsUrl: "https://monstagedetroisieme.fr/stats",
    description: "Trouver un stage d'observation de 3e, pour tous les élèves.",
    phases: [
      ["CONSTRUCTION", "2019-01-01", "2020-06-30"],
      ["ACCELERATION", "2020-07-01", null],
    ],
  },
  {
    name: "Mon suivi justice",
    owner: "justice",
    kind: "STARTUP_ETAT",
    incubator: "Fabrique numérique du ministère de la Justice",
    betaGouvId: "mon-suivi-justice",
    statsUrl: "https://mon-suivi-justice.beta.gouv.fr/stats",
    description: "Aider les personnes placées sous main de justice à respecter leurs convocations.",
    phases: [
      ["INVESTIGATION", "2021-01-01", "2021-02-28"],
      ["CONSTRUCTION", "2021-03-01", "2022-06-30"],
      ["ACCELERATION", "2022-07-01", null],
    ],
  },
  {
    name: "Patrimoine ouvert",
    owner: "culture",
    kind: "STARTUP_ETAT",
    incubator: "Incubateur du ministère de la Culture",
    betaGouvId: "patrimoine-ouvert",
    statsUrl: null,
    description: "Faciliter les demandes d'autorisation de travaux sur les monuments historiques.",
    phases: [
      ["INVESTIGATION", "2026-06-01", "2026-07-31"],
      ["CONSTRUCTION", "2026-08-01", null],
    ],
  },
];

/** Unit prices HT in cents per UO code, per contractor (validated version 1). */
const PRICES: Record<ConKey, Record<string, number>> = {
  cno: {
    DEVOPS_JUNIOR: 880_000,
    DEVOPS_CONFIRME: 1_150_000,
    DEVOPS_SENIOR: 1_420_000,
    DESIGN_JUNIOR: 850_000,
    DESIGN_CONFIRME: 1_100_000,
    BIZDEV_CUSTOMER_SUCCESS: 1_000_000,
    PM_JUNIOR: 950_000,
    PM: 1_280_000,
    REVERSIBILITE: 1_350_000,
  },
  atelier: {
    DEVOPS_JUNIOR: 910_000,
    DEVOPS_CONFIRME: 1_190_000,
    DEVOPS_SENIOR: 1_490_000,
    DESIGN_JUNIOR: 870_000,
    DESIGN_CONFIRME: 1_140_000,
    BIZDEV_CUSTOMER_SUCCESS: 1_030_000,
    PM_JUNIOR: 980_000,
    PM: 1_320_000,
    REVERSIBILITE: 1_400_000,
  },
  agile: {
    DEVOPS_JUNIOR: 860_000,
    DEVOPS_CONFIRME: 1_120_000,
    DEVOPS_SENIOR: 1_395_000,
    DESIGN_JUNIOR: 830_000,
    DESIGN_CONFIRME: 1_075_000,
    BIZDEV_CUSTOMER_SUCCESS: 985_000,
    PM_JUNIOR: 930_000,
    PM: 1_250_000,
    REVERSIBILITE: 1_300_000,
  },
};

function account(login: string) {
  const a = accounts.accounts.find((x) => x.login === login);
  if (!a) throw new Error(`Compte de démonstration inconnu : ${login}`);
  return a;
}

/** Loads the demo data once: does nothing when organisations already exist. */
export async function seedIfEmpty(db: PrismaClient): Promise<boolean> {
  const agreementId = await seedReference(db);
  if ((await db.beneficiary.count()) > 0) return false;
  await seedDemo(db, agreementId);
  return true;
}

async function seedDemo(db: PrismaClient, agreementId: string) {
  await db.$transaction(
    async (tx) => {
      const ben: Record<string, string> = {};
      for (const { key, ...b } of DEMO_BENEFICIARIES) {
        ben[key] = (await tx.beneficiary.create({ data: b, select: { id: true } })).id;
      }
      const con: Record<string, string> = {};
      for (const { key, ...c } of DEMO_CONTRACTORS) {
        con[key] = (await tx.contractor.create({ data: c, select: { id: true } })).id;
      }
      const user = async (login: string, active = true) => {
        const a = account(login);
        return (
          await tx.user.create({
            data: { email: a.email, givenName: a.givenName, usualName: a.usualName, active },
            select: { id: true },
          })
        ).id;
      };
      const claire = await user("claire.martin");
      const paul = await user("paul.durand");
      const sophie = await user("sophie.bernard");
      const lea = await user("lea.moreau");
      const hugo = await user("hugo.lefebvre");
      const nadia = await user("nadia.petit");
      const marc = await user("marc.ancien", false);
      await tx.membership.createMany({
        data: [
          { userId: claire, role: "DINUM", beneficiaryId: ben.dinum },
          { userId: claire, role: "BENEFICIARY", beneficiaryId: ben.dinum },
          { userId: paul, role: "BENEFICIARY", beneficiaryId: ben.travail },
          { userId: sophie, role: "BENEFICIARY", beneficiaryId: ben.interieur },
          { userId: lea, role: "CONTRACTOR", contractorId: con.cno },
          { userId: hugo, role: "CONTRACTOR", contractorId: con.atelier },
          { userId: nadia, role: "CONTRACTOR", contractorId: con.agile },
          { userId: marc, role: "BENEFICIARY", beneficiaryId: ben.travail, active: false },
        ],
      });

      for (const p of PRODUCTS) {
        const { owner, phases, ...data } = p;
        const beneficiaryId = ben[owner] as string;
        await tx.product.create({
          data: {
            ...data,
            beneficiaryId,
            phases: {
              create: phases.map(([phase, start, end]) => ({
                phase,
                startsOn: d(start),
                endsOn: end ? d(end) : null,
              })),
            },
          },
        });
      }

      const uoTypes = await tx.uoType.findMany({ where: { agreementId }, select: { id: true, code: true } });
      const proposers: Record<ConKey, string> = { cno: lea, atelier: hugo, agile: nadia };
      for (const { key } of DEMO_CONTRACTORS) {
        const schedule = await tx.priceSchedule.create({
          data: { agreementId, contractorId: con[key] as string },
          select: { id: true },
        });
        const v1 = await tx.priceScheduleVersion.create({
          data: {
            scheduleId: schedule.id,
            number: 1,
            effectiveOn: d("2024-01-01"),
            comment: "Bordereau de prix de l'offre retenue",
            proposedById: proposers[key],
            proposedAt: new Date("2023-12-01T09:00:00Z"),
            items: {
              create: uoTypes.map((u) => ({
                uoTypeId: u.id,
                unitPriceHtCents: PRICES[key][u.code] as number,
              })),
            },
          },
          select: { id: true },
        });
        await tx.priceScheduleVersion.update({
          where: { id: v1.id },
          data: { status: "VALIDATED", decidedById: claire, decidedAt: new Date("2023-12-15T10:00:00Z") },
        });
      }
      // A pending proposal: Atelier Produit revises its prices by about 2 % from 2027.
      const atelierSchedule = await tx.priceSchedule.findFirstOrThrow({
        where: { contractorId: con.atelier },
        select: { id: true },
      });
      await tx.priceScheduleVersion.create({
        data: {
          scheduleId: atelierSchedule.id,
          number: 2,
          effectiveOn: d("2027-01-01"),
          comment: "Révision annuelle des prix (indice Syntec)",
          proposedById: hugo,
          proposedAt: new Date("2026-11-02T14:30:00Z"),
          items: {
            create: uoTypes.map((u) => ({
              uoTypeId: u.id,
              unitPriceHtCents: Math.round(((PRICES.atelier[u.code] as number) * 102) / 10000) * 100,
            })),
          },
        },
      });
      await seedDemoOrders(tx, agreementId, {
        byBeneficiary: {
          [ben.travail as string]: paul,
          [ben.interieur as string]: sophie,
          [ben.dinum as string]: claire,
        },
        fallback: claire,
      });
      // Staffing, monthly reports, service fait and invoices: what the orders consumed.
      await seedDemoActivity(tx, agreementId);
      await seedDemoReporting(tx, { lea, hugo, paul, sophie, claire });
      await tx.auditEvent.create({
        data: {
          action: "demo.seed",
          entityType: "FrameworkAgreement",
          entityId: agreementId,
          after: { demo: true },
        },
      });
    },
    { timeout: 60_000 },
  );
}
