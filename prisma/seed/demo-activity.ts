// Demo activity: what the contractors did on the demo orders and what the beneficiaries made
// of it — staffers (employee, independent, subcontractor), assignments (one replacement with
// its ramp-up at the contractor's cost), monthly reports in every state (and one validated
// adjusting entry), service-fait records (admission, réfaction, ajournement, numbered without
// gaps) and invoices (paid on time, paid late, unpaid), with their audit trail.
//
// Written directly and in bulk, deterministically (fixed dates, no randomness), holding every
// invariant the portal holds — tests/integration/demo-data.test.ts checks them by SQL:
//   - a staffer's days in a month (billable + ramp-up) ≤ that month's working days;
//   - days only inside the assignment's period (itself inside the order's);
//   - OrderLine.consumedDays = billable days of the validated reports (adjustments included),
//     certifiedDays = days of the certifying service-fait lines, certified ≤ consumed ≤ ordered;
//   - service-fait line amount = days ÷ days per UO × frozen unit price, half-up to the cent;
//   - the closed order commits what it consumed, the agreement the sum of its orders.
// The seed refuses to load (throws) rather than write data that breaks one of them.
import { randomUUID } from "node:crypto";
import getJoursFeries from "@socialgouv/jours-feries";
import Decimal from "decimal.js";
import type {
  ActivityReportStatus,
  Prisma,
  ServiceFaitDecision,
  StafferStatus,
} from "@/generated/prisma/client";
import { consumedAmountHtCents, orderTotals } from "@/lib/orders/rules";

type Tx = Prisma.TransactionClient;

// ── Calendar ────────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, "0");
const holidayCache = new Map<number, Set<string>>();

/** French public holidays of a year (metropolitan), as "YYYY-MM-DD". */
function holidaysOf(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    // The library builds Dates at local midnight: read them with the local getters.
    set = new Set(
      Object.values(getJoursFeries(year)).map(
        (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      ),
    );
    holidayCache.set(year, set);
  }
  return set;
}

/** Working days (Monday to Friday, French public holidays excluded) from `from` to `to`, inclusive. */
export function workingDays(from: string, to: string): number {
  let n = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const d = new Date(t);
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (holidaysOf(d.getUTCFullYear()).has(d.toISOString().slice(0, 10))) continue;
    n++;
  }
  return n;
}

/** "2026-03" → "2026-03-01" */
const firstDay = (month: string) => `${month}-01`;
/** "2026-02" → "2026-02-28" */
function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
/** "2026-12" → "2027-01" */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const at = (iso: string, time: string) => new Date(`${iso}T${time}:00Z`);
/** The latest / earliest of ISO dates (they sort as strings). */
const maxIso = (...xs: string[]) => [...xs].sort().at(-1) as string;
const minIso = (...xs: string[]) => [...xs].sort()[0] as string;
/** Rounds down to the half day. */
const floorHalf = (d: Decimal) => d.times(2).floor().dividedBy(2);

// ── What happened ───────────────────────────────────────────────────────────────────────

const CNO = "Coopérative Numérique Ouverte";
const ATELIER = "Atelier Produit";
const AGILE = "Groupement Agile & Associés";

type StafferSpec = {
  key: string;
  contractor: string;
  fullName: string;
  uo: string;
  status: StafferStatus;
  subcontractorName?: string;
  betaUsername?: string;
  active?: boolean;
};

const domain: Record<string, string> = {
  [CNO]: "cooperative-numerique.example",
  [ATELIER]: "atelier-produit.example",
  [AGILE]: "groupement-agile.example",
};

const STAFFERS: StafferSpec[] = [
  // Camille left the company in June: replaced on Code du travail numérique by Julien.
  {
    key: "camille",
    contractor: CNO,
    fullName: "Camille Dubois",
    uo: "DEVOPS_CONFIRME",
    status: "EMPLOYEE",
    active: false,
  },
  {
    key: "julien",
    contractor: CNO,
    fullName: "Julien Garnier",
    uo: "DEVOPS_CONFIRME",
    status: "INDEPENDENT",
    betaUsername: "julien.garnier",
  },
  {
    key: "ines",
    contractor: CNO,
    fullName: "Inès Haddad",
    uo: "DEVOPS_CONFIRME",
    status: "EMPLOYEE",
    betaUsername: "ines.haddad",
  },
  { key: "thomas", contractor: CNO, fullName: "Thomas Leroy", uo: "DEVOPS_SENIOR", status: "EMPLOYEE" },
  {
    key: "sarah",
    contractor: CNO,
    fullName: "Sarah Benali",
    uo: "DESIGN_CONFIRME",
    status: "SUBCONTRACTOR",
    subcontractorName: "Studio Graphe",
  },
  { key: "antoine", contractor: CNO, fullName: "Antoine Mercier", uo: "PM", status: "EMPLOYEE" },
  { key: "nicolas", contractor: CNO, fullName: "Nicolas Faure", uo: "DEVOPS_SENIOR", status: "EMPLOYEE" },
  { key: "lena", contractor: CNO, fullName: "Léna Roussel", uo: "DEVOPS_CONFIRME", status: "EMPLOYEE" },
  {
    key: "mathis",
    contractor: CNO,
    fullName: "Mathis Girard",
    uo: "DEVOPS_CONFIRME",
    status: "INDEPENDENT",
  },
  {
    key: "chloe",
    contractor: CNO,
    fullName: "Chloé Lambert",
    uo: "BIZDEV_CUSTOMER_SUCCESS",
    status: "EMPLOYEE",
  },
  {
    key: "maxime",
    contractor: ATELIER,
    fullName: "Maxime Perrin",
    uo: "DEVOPS_CONFIRME",
    status: "EMPLOYEE",
  },
  {
    key: "elodie",
    contractor: ATELIER,
    fullName: "Élodie Fontaine",
    uo: "DEVOPS_CONFIRME",
    status: "SUBCONTRACTOR",
    subcontractorName: "Code & Sens",
  },
  {
    key: "manon",
    contractor: ATELIER,
    fullName: "Manon Chevalier",
    uo: "DESIGN_CONFIRME",
    status: "INDEPENDENT",
  },
  { key: "lucas", contractor: ATELIER, fullName: "Lucas Morel", uo: "PM_JUNIOR", status: "EMPLOYEE" },
  { key: "zoe", contractor: ATELIER, fullName: "Zoé Renard", uo: "DESIGN_JUNIOR", status: "EMPLOYEE" },
  { key: "karim", contractor: AGILE, fullName: "Karim Bensaïd", uo: "DEVOPS_CONFIRME", status: "EMPLOYEE" },
  {
    key: "laura",
    contractor: AGILE,
    fullName: "Laura Vidal",
    uo: "DEVOPS_CONFIRME",
    status: "INDEPENDENT",
  },
  { key: "pauline", contractor: AGILE, fullName: "Pauline Roche", uo: "DESIGN_CONFIRME", status: "EMPLOYEE" },
  { key: "olivier", contractor: AGILE, fullName: "Olivier Blanc", uo: "PM", status: "EMPLOYEE" },
  { key: "yanis", contractor: AGILE, fullName: "Yanis Lopez", uo: "DEVOPS_JUNIOR", status: "EMPLOYEE" },
  {
    key: "sebastien",
    contractor: AGILE,
    fullName: "Sébastien Noël",
    uo: "DEVOPS_SENIOR",
    status: "SUBCONTRACTOR",
    subcontractorName: "Infra Libre",
  },
  { key: "amelie", contractor: AGILE, fullName: "Amélie Caron", uo: "DEVOPS_CONFIRME", status: "EMPLOYEE" },
];

/** Demo orders are identified by product and start date (unique in demo-orders.ts). */
const CTN = "Code du travail numérique@2026-03-02";
const CARNET = "Carnet de bord@2026-10-01";
const MEP1 = "Mon espace permis@2025-11-03";
const MEP2 = "Mon espace permis@2026-07-01";
const SIGNAL = "Signalement des nuisances@2024-05-06";
const ANNUAIRE = "Annuaire des entreprises@2026-01-05";
const FC = "FranceConnect@2026-12-01";

type AssignmentSpec = {
  key: string;
  order: string;
  line: number;
  staffer: string;
  startsOn: string;
  endsOn: string;
  /** Share of the working days the person spends on the order (before leave). */
  share: string;
  replaces?: string;
  rampUpDays?: string;
};

const ASSIGNMENTS: AssignmentSpec[] = [
  // Code du travail numérique (CNO), 2 March – 31 December 2026.
  {
    key: "ctn-camille",
    order: CTN,
    line: 1,
    staffer: "camille",
    startsOn: "2026-03-02",
    endsOn: "2026-06-12",
    share: "0.9",
  },
  {
    key: "ctn-julien",
    order: CTN,
    line: 1,
    staffer: "julien",
    startsOn: "2026-06-15",
    endsOn: "2026-12-31",
    share: "0.9",
    replaces: "ctn-camille",
    rampUpDays: "5",
  },
  {
    key: "ctn-ines",
    order: CTN,
    line: 1,
    staffer: "ines",
    startsOn: "2026-03-02",
    endsOn: "2026-12-31",
    share: "0.8",
  },
  {
    key: "ctn-thomas",
    order: CTN,
    line: 2,
    staffer: "thomas",
    startsOn: "2026-03-02",
    endsOn: "2026-12-31",
    share: "0.85",
  },
  {
    key: "ctn-sarah",
    order: CTN,
    line: 3,
    staffer: "sarah",
    startsOn: "2026-03-02",
    endsOn: "2026-12-31",
    share: "0.8",
  },
  {
    key: "ctn-antoine",
    order: CTN,
    line: 4,
    staffer: "antoine",
    startsOn: "2026-03-02",
    endsOn: "2026-12-31",
    share: "0.8",
  },
  // Annuaire des entreprises (CNO, for DINUM), 5 January – 31 December 2026.
  {
    key: "ann-nicolas",
    order: ANNUAIRE,
    line: 1,
    staffer: "nicolas",
    startsOn: "2026-01-05",
    endsOn: "2026-12-31",
    share: "0.85",
  },
  {
    key: "ann-lena",
    order: ANNUAIRE,
    line: 2,
    staffer: "lena",
    startsOn: "2026-01-05",
    endsOn: "2026-12-31",
    share: "0.9",
  },
  {
    key: "ann-mathis",
    order: ANNUAIRE,
    line: 2,
    staffer: "mathis",
    startsOn: "2026-01-05",
    endsOn: "2026-12-31",
    share: "0.85",
  },
  {
    key: "ann-chloe",
    order: ANNUAIRE,
    line: 3,
    staffer: "chloe",
    startsOn: "2026-01-05",
    endsOn: "2026-12-31",
    share: "0.85",
  },
  // Signalement des nuisances (Atelier Produit), 6 May 2024 – 30 April 2025, now closed.
  {
    key: "sig-maxime",
    order: SIGNAL,
    line: 1,
    staffer: "maxime",
    startsOn: "2024-05-06",
    endsOn: "2025-04-30",
    share: "0.7",
  },
  {
    key: "sig-elodie",
    order: SIGNAL,
    line: 1,
    staffer: "elodie",
    startsOn: "2024-05-06",
    endsOn: "2025-04-30",
    share: "0.65",
  },
  {
    key: "sig-manon",
    order: SIGNAL,
    line: 2,
    staffer: "manon",
    startsOn: "2024-05-06",
    endsOn: "2025-04-30",
    share: "0.7",
  },
  {
    key: "sig-lucas",
    order: SIGNAL,
    line: 3,
    staffer: "lucas",
    startsOn: "2024-05-06",
    endsOn: "2025-04-30",
    share: "0.75",
  },
  // Carnet de bord (Atelier Produit): staffed, no report yet.
  {
    key: "carnet-lucas",
    order: CARNET,
    line: 1,
    staffer: "lucas",
    startsOn: "2026-10-01",
    endsOn: "2026-12-15",
    share: "0.6",
  },
  {
    key: "carnet-zoe",
    order: CARNET,
    line: 2,
    staffer: "zoe",
    startsOn: "2026-10-01",
    endsOn: "2026-12-15",
    share: "0.6",
  },
  // Mon espace permis (Groupement Agile), first order: every ordered day done and certified.
  {
    key: "mep1-karim",
    order: MEP1,
    line: 1,
    staffer: "karim",
    startsOn: "2025-11-03",
    endsOn: "2026-06-30",
    share: "1",
  },
  {
    key: "mep1-laura",
    order: MEP1,
    line: 1,
    staffer: "laura",
    startsOn: "2025-11-03",
    endsOn: "2026-06-30",
    share: "1",
  },
  {
    key: "mep1-pauline",
    order: MEP1,
    line: 2,
    staffer: "pauline",
    startsOn: "2025-11-03",
    endsOn: "2026-06-30",
    share: "1",
  },
  {
    key: "mep1-olivier",
    order: MEP1,
    line: 3,
    staffer: "olivier",
    startsOn: "2025-11-03",
    endsOn: "2026-06-30",
    share: "1",
  },
  // Mon espace permis, second order, from 1 July 2026.
  {
    key: "mep2-karim",
    order: MEP2,
    line: 1,
    staffer: "karim",
    startsOn: "2026-07-01",
    endsOn: "2027-06-30",
    share: "0.9",
  },
  {
    key: "mep2-laura",
    order: MEP2,
    line: 1,
    staffer: "laura",
    startsOn: "2026-07-01",
    endsOn: "2027-06-30",
    share: "0.9",
  },
  {
    key: "mep2-yanis",
    order: MEP2,
    line: 2,
    staffer: "yanis",
    startsOn: "2026-07-01",
    endsOn: "2027-06-30",
    share: "0.9",
  },
  {
    key: "mep2-olivier",
    order: MEP2,
    line: 3,
    staffer: "olivier",
    startsOn: "2026-07-01",
    endsOn: "2027-06-30",
    share: "0.9",
  },
  // FranceConnect (Groupement Agile, for DINUM): starts in December.
  {
    key: "fc-sebastien",
    order: FC,
    line: 1,
    staffer: "sebastien",
    startsOn: "2026-12-01",
    endsOn: "2027-11-30",
    share: "0.9",
  },
  {
    key: "fc-amelie",
    order: FC,
    line: 2,
    staffer: "amelie",
    startsOn: "2026-12-01",
    endsOn: "2027-11-30",
    share: "0.9",
  },
];

type MonthSpec = {
  month: string;
  status: ActivityReportStatus;
  /** A draft counts the days up to this date only (the month is not over). */
  until?: string;
  rejectionReason?: string;
};

type ServiceFaitSpec = {
  from: string;
  to: string;
  decision: ServiceFaitDecision;
  decidedOn: string;
  refactionHtCents?: bigint;
  comment?: string;
  isFinal?: boolean;
  invoice?: { number: string; receivedOn: string; paidOn?: string };
};

type ActivitySpec = {
  order: string;
  months: MonthSpec[];
  adjustment?: {
    month: string;
    entries: Array<{ assignment: string; days: string }>;
    activities: string;
    submittedAt: string;
    validatedAt: string;
  };
  serviceFaits: ServiceFaitSpec[];
  themes: string[];
};

const validated = (from: string, to: string): MonthSpec[] =>
  monthsBetween(from, to).map((month) => ({ month, status: "VALIDATED" }));

const ACTIVITY: ActivitySpec[] = [
  {
    order: SIGNAL,
    months: validated("2024-05", "2025-04"),
    themes: [
      "Parcours de signalement : formulaire en ligne et suivi par courriel",
      "Tableau de bord des services municipaux",
      "Entretiens avec les polices municipales pilotes",
      "Accessibilité (audit RGAA) et corrections",
    ],
    serviceFaits: [
      {
        from: "2024-05",
        to: "2024-07",
        decision: "ADMISSION",
        decidedOn: "2024-08-20",
        invoice: { number: "AP-2024-0031", receivedOn: "2024-08-28", paidOn: "2024-09-20" },
      },
      {
        from: "2024-08",
        to: "2024-10",
        decision: "ADMISSION",
        decidedOn: "2024-11-18",
        invoice: { number: "AP-2024-0047", receivedOn: "2024-11-25", paidOn: "2024-12-19" },
      },
      {
        from: "2024-11",
        to: "2025-01",
        decision: "ADMISSION",
        decidedOn: "2025-02-17",
        invoice: { number: "AP-2025-0006", receivedOn: "2025-02-24", paidOn: "2025-03-20" },
      },
      {
        from: "2025-02",
        to: "2025-04",
        decision: "ADMISSION",
        decidedOn: "2025-05-19",
        isFinal: true,
        comment: "Service fait final : arrêt du produit décidé par le comité d'investissement.",
        invoice: { number: "AP-2025-0019", receivedOn: "2025-05-26", paidOn: "2025-06-23" },
      },
    ],
  },
  {
    order: MEP1,
    months: validated("2025-11", "2026-06"),
    themes: [
      "Prise de rendez-vous pour l'examen du permis",
      "Suivi du dossier en temps réel",
      "Tests utilisateurs en auto-écoles",
      "Mise en production et supervision",
    ],
    serviceFaits: [
      {
        from: "2025-11",
        to: "2025-12",
        decision: "ADMISSION",
        decidedOn: "2026-01-19",
        invoice: { number: "GAA-2026-001", receivedOn: "2026-01-26", paidOn: "2026-02-20" },
      },
      {
        from: "2026-01",
        to: "2026-03",
        decision: "ADMISSION",
        decidedOn: "2026-04-20",
        // Paid 49 days after receipt: late (the legal limit is 30 days).
        invoice: { number: "GAA-2026-014", receivedOn: "2026-04-27", paidOn: "2026-06-15" },
      },
      {
        from: "2026-04",
        to: "2026-06",
        decision: "ADMISSION",
        decidedOn: "2026-07-20",
        isFinal: true,
        comment: "Service fait final de la première commande.",
        invoice: { number: "GAA-2026-027", receivedOn: "2026-07-27", paidOn: "2026-08-24" },
      },
    ],
  },
  {
    order: ANNUAIRE,
    months: [
      ...validated("2026-01", "2026-09"),
      {
        month: "2026-10",
        status: "REJECTED",
        rejectionReason:
          "Les jours de déploiement déclarés pour la dernière semaine d'octobre ne correspondent pas au planning convenu : merci de les corriger.",
      },
      { month: "2026-11", status: "DRAFT", until: "2026-11-20" },
    ],
    themes: [
      "Recherche d'entreprises par dirigeant et par adresse",
      "Fiches des associations (RNA)",
      "Support aux usagers et base de connaissance",
      "Performance de l'API de recherche",
    ],
    serviceFaits: [
      {
        from: "2026-01",
        to: "2026-03",
        decision: "ADMISSION",
        decidedOn: "2026-04-13",
        invoice: { number: "CNO-2026-0042", receivedOn: "2026-04-20", paidOn: "2026-05-12" },
      },
      {
        from: "2026-04",
        to: "2026-06",
        decision: "ADMISSION",
        decidedOn: "2026-07-13",
        invoice: { number: "CNO-2026-0077", receivedOn: "2026-07-20", paidOn: "2026-08-14" },
      },
      {
        from: "2026-07",
        to: "2026-09",
        decision: "ADMISSION",
        decidedOn: "2026-10-12",
        // Not paid yet.
        invoice: { number: "CNO-2026-0103", receivedOn: "2026-10-19" },
      },
    ],
  },
  {
    order: CTN,
    months: [
      ...validated("2026-03", "2026-09"),
      { month: "2026-10", status: "SUBMITTED" },
      { month: "2026-11", status: "DRAFT", until: "2026-11-20" },
    ],
    adjustment: {
      month: "2026-05",
      entries: [{ assignment: "ctn-antoine", days: "1" }],
      activities: "Correction : l'atelier de cadrage du 28 mai avait été oublié dans le compte rendu de mai.",
      submittedAt: "2026-06-10T10:00",
      validatedAt: "2026-06-12T14:00",
    },
    themes: [
      "Simulateur d'indemnités de licenciement",
      "Fiches conventions collectives",
      "Recherche : pertinence des réponses",
      "Entretiens avec des salariés et des employeurs",
    ],
    serviceFaits: [
      {
        from: "2026-03",
        to: "2026-05",
        decision: "ADMISSION",
        decidedOn: "2026-06-22",
        invoice: { number: "CNO-2026-0061", receivedOn: "2026-06-29", paidOn: "2026-07-24" },
      },
      {
        from: "2026-06",
        to: "2026-07",
        decision: "REFACTION",
        decidedOn: "2026-08-24",
        refactionHtCents: 250_000n,
        comment:
          "Réfaction de 2 500,00 € HT : la synthèse de recherche utilisateur de juillet a été remise incomplète.",
        // Paid 49 days after receipt: late.
        invoice: { number: "CNO-2026-0088", receivedOn: "2026-08-31", paidOn: "2026-10-19" },
      },
      {
        from: "2026-08",
        to: "2026-09",
        decision: "AJOURNEMENT",
        decidedOn: "2026-10-19",
        comment:
          "Ajournement : la documentation d'exploitation attendue pour septembre n'a pas été livrée. À représenter avec le livrable.",
      },
    ],
  },
  {
    order: MEP2,
    months: [...validated("2026-07", "2026-09"), { month: "2026-10", status: "SUBMITTED" }],
    themes: [
      "Dématérialisation du relevé d'information restreint",
      "Notifications par SMS",
      "Tests d'accessibilité avec des usagers",
    ],
    serviceFaits: [
      // Certified; the contractor has not filed the invoice yet.
      { from: "2026-07", to: "2026-09", decision: "ADMISSION", decidedOn: "2026-10-19" },
    ],
  },
];

// ── Loading ─────────────────────────────────────────────────────────────────────────────

type OrderRow = {
  id: string;
  status: string;
  startsOn: string;
  endsOn: string;
  beneficiaryId: string;
  contractorId: string;
  closedAt: Date | null;
  lines: Array<{
    id: string;
    position: number;
    orderedDays: Decimal;
    unitPriceHtCents: number;
    daysPerUnit: number;
    uoCode: string;
  }>;
};

type Person = { userId: string; email: string; name: string; orgKey: string; orgName: string };

export async function seedDemoActivity(tx: Tx, agreementId: string): Promise<void> {
  // The orders, their lines, and who speaks for each organisation.
  const orders = new Map<string, OrderRow>();
  for (const o of await tx.purchaseOrder.findMany({
    where: { agreementId, correctsOrderId: null },
    select: {
      id: true,
      status: true,
      startsOn: true,
      endsOn: true,
      beneficiaryId: true,
      contractorId: true,
      closedAt: true,
      product: { select: { name: true } },
      lines: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          orderedDays: true,
          unitPriceHtCents: true,
          uoType: { select: { code: true, daysPerUnit: true } },
        },
      },
    },
  })) {
    const startsOn = o.startsOn.toISOString().slice(0, 10);
    orders.set(`${o.product.name}@${startsOn}`, {
      id: o.id,
      status: o.status,
      startsOn,
      endsOn: o.endsOn.toISOString().slice(0, 10),
      beneficiaryId: o.beneficiaryId,
      contractorId: o.contractorId,
      closedAt: o.closedAt,
      lines: o.lines.map((l) => ({
        id: l.id,
        position: l.position,
        orderedDays: new Decimal(l.orderedDays.toString()),
        unitPriceHtCents: l.unitPriceHtCents ?? 0,
        daysPerUnit: l.uoType.daysPerUnit,
        uoCode: l.uoType.code,
      })),
    });
  }
  const orderOf = (key: string) => {
    const o = orders.get(key);
    if (!o) throw new Error(`Commande de démonstration introuvable : ${key}`);
    return o;
  };
  const lineOf = (o: OrderRow, position: number) => {
    const l = o.lines.find((x) => x.position === position);
    if (!l) throw new Error(`Ligne ${position} introuvable`);
    return l;
  };

  const memberships = await tx.membership.findMany({
    where: { active: true, user: { active: true }, role: { in: ["BENEFICIARY", "CONTRACTOR"] } },
    orderBy: { user: { email: "asc" } },
    select: {
      role: true,
      beneficiaryId: true,
      contractorId: true,
      user: { select: { id: true, email: true, givenName: true, usualName: true } },
      beneficiary: { select: { name: true } },
      contractor: { select: { id: true, name: true } },
    },
  });
  const personOf = (orgId: string): Person => {
    const m = memberships.find((x) => x.beneficiaryId === orgId || x.contractorId === orgId);
    if (!m) throw new Error(`Aucun correspondant de démonstration pour ${orgId}`);
    return {
      userId: m.user.id,
      email: m.user.email,
      name: `${m.user.givenName} ${m.user.usualName}`,
      orgKey: m.contractorId ? `contractor:${m.contractorId}` : `beneficiary:${m.beneficiaryId}`,
      orgName: m.contractor?.name ?? m.beneficiary?.name ?? "",
    };
  };
  const contractorIds = new Map(
    (await tx.contractor.findMany({ select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );
  const uoTypeIds = new Map(
    (await tx.uoType.findMany({ where: { agreementId }, select: { id: true, code: true } })).map((u) => [
      u.code,
      u.id,
    ]),
  );

  const audit: Prisma.AuditEventCreateManyInput[] = [];
  const event = (
    occurredAt: Date,
    who: Person | null,
    action: string,
    entityType: string,
    entityId: string,
    after: Record<string, unknown>,
  ) =>
    audit.push({
      occurredAt,
      actorUserId: who?.userId ?? null,
      actorEmail: who?.email ?? null,
      actorRole: who ? (who.orgKey.startsWith("contractor:") ? "CONTRACTOR" : "BENEFICIARY") : null,
      actorOrgId: who?.orgKey ?? null,
      actorOrgName: who?.orgName ?? null,
      action,
      entityType,
      entityId,
      after: { demo: true, ...after } as Prisma.InputJsonValue,
    });

  // ── Staffers and assignments ──
  const stafferIds = new Map<string, string>();
  const stafferRows: Prisma.StafferCreateManyInput[] = STAFFERS.map((s) => {
    const id = randomUUID();
    stafferIds.set(s.key, id);
    const contractorId = contractorIds.get(s.contractor);
    const uoTypeId = uoTypeIds.get(s.uo);
    if (!contractorId || !uoTypeId) throw new Error(`Intervenant incohérent : ${s.key}`);
    const [given = "", ...rest] = s.fullName
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(" ");
    return {
      id,
      contractorId,
      fullName: s.fullName,
      email: `${given}.${rest.join("-")}@${domain[s.contractor]}`,
      uoTypeId,
      status: s.status,
      subcontractorName: s.subcontractorName ?? null,
      betaUsername: s.betaUsername ?? null,
      active: s.active ?? true,
    };
  });
  await tx.staffer.createMany({ data: stafferRows });

  type Assigned = AssignmentSpec & { id: string; orderRow: OrderRow; lineId: string; stafferId: string };
  const assignments = new Map<string, Assigned>();
  for (const a of ASSIGNMENTS) {
    const orderRow = orderOf(a.order);
    const line = lineOf(orderRow, a.line);
    const stafferId = stafferIds.get(a.staffer) as string;
    const staffer = STAFFERS.find((s) => s.key === a.staffer) as StafferSpec;
    if (staffer.uo !== line.uoCode) throw new Error(`Profil de ${a.staffer} ≠ UO de la ligne`);
    if (a.startsOn < orderRow.startsOn || a.endsOn > orderRow.endsOn)
      throw new Error(`Affectation ${a.key} hors de la période de la commande`);
    assignments.set(a.key, { ...a, id: randomUUID(), orderRow, lineId: line.id, stafferId });
  }
  // The replaced assignment first (the replacement points to it).
  const assignmentRows = [...assignments.values()].map((a) => {
    const contractor = personOf(a.orderRow.contractorId);
    return {
      id: a.id,
      orderId: a.orderRow.id,
      orderLineId: a.lineId,
      stafferId: a.stafferId,
      startsOn: day(a.startsOn),
      endsOn: day(a.endsOn),
      replacesAssignmentId: a.replaces ? (assignments.get(a.replaces) as Assigned).id : null,
      rampUpDays: a.rampUpDays ?? "0",
      createdById: contractor.userId,
    } satisfies Prisma.AssignmentCreateManyInput;
  });
  await tx.assignment.createMany({ data: assignmentRows.filter((r) => !r.replacesAssignmentId) });
  await tx.assignment.createMany({ data: assignmentRows.filter((r) => r.replacesAssignmentId) });
  const firstStart = new Map<string, string>();
  for (const a of assignments.values()) {
    const contractor = personOf(a.orderRow.contractorId);
    const stamp = at(a.replaces ? "2026-06-11" : minIso(a.startsOn, a.orderRow.startsOn), "08:00");
    // Staffed a week before the start (the replacement: when the departure was known).
    const when = a.replaces ? stamp : new Date(stamp.getTime() - 7 * 86_400_000);
    event(when, contractor, a.replaces ? "assignment.replace" : "assignment.create", "Assignment", a.id, {
      staffer: a.staffer,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      ...(a.replaces
        ? { replaces: (assignments.get(a.replaces) as Assigned).id, rampUpDays: a.rampUpDays }
        : {}),
    });
    const prev = firstStart.get(a.staffer);
    if (!prev || when.toISOString() < prev) firstStart.set(a.staffer, when.toISOString());
  }
  for (const s of stafferRows) {
    const key = STAFFERS.find((x) => x.fullName === s.fullName)?.key as string;
    const first = firstStart.get(key) as string;
    const contractor = personOf(s.contractorId);
    event(new Date(Date.parse(first) - 86_400_000), contractor, "staffer.create", "Staffer", s.id as string, {
      fullName: s.fullName,
      status: s.status,
    });
  }

  // ── Monthly reports ──
  const staffIndex = new Map(STAFFERS.map((s, i) => [s.key, i]));
  /** Billable + ramp-up days per staffer and month, across every report (every status). */
  const stafferMonth = new Map<string, Decimal>();
  /** Billable days per line, across every report (a line never goes past its ordered days). */
  const lineUsed = new Map<string, Decimal>();
  /** Billable days of validated reports per line: consumedDays. */
  const lineValidated = new Map<string, Decimal>();

  type ReportRow = Prisma.ActivityReportCreateManyInput & { id: string };
  type EntryRow = Prisma.ActivityEntryCreateManyInput & { days: string; orderLineId: string };
  const reports: Array<{ row: ReportRow; spec: ActivitySpec; month: string; final: ActivityReportStatus }> =
    [];
  const entries: EntryRow[] = [];

  const addEntry = (report: ReportRow, a: Assigned, month: string, days: Decimal, nonBillable: Decimal) => {
    const sm = `${a.stafferId}|${month}`;
    const total = (stafferMonth.get(sm) ?? new Decimal(0)).plus(days).plus(nonBillable);
    if (total.greaterThan(workingDays(firstDay(month), lastDay(month))))
      throw new Error(`${a.staffer} dépasse les jours ouvrés de ${month}`);
    stafferMonth.set(sm, total);
    const used = (lineUsed.get(a.lineId) ?? new Decimal(0)).plus(days);
    const line = lineOf(a.orderRow, a.line);
    if (used.greaterThan(line.orderedDays)) throw new Error(`Ligne ${a.key} : plus de jours que commandés`);
    lineUsed.set(a.lineId, used);
    entries.push({
      id: randomUUID(),
      reportId: report.id,
      assignmentId: a.id,
      orderLineId: a.lineId,
      stafferId: a.stafferId,
      month: day(firstDay(month)),
      days: days.toFixed(1),
      nonBillableDays: nonBillable.toFixed(1),
    });
  };

  for (const spec of ACTIVITY) {
    const o = orderOf(spec.order);
    const contractor = personOf(o.contractorId);
    const beneficiary = personOf(o.beneficiaryId);
    const staffed = [...assignments.values()].filter((a) => a.orderRow === o);
    spec.months.forEach((m, i) => {
      const next = nextMonth(m.month);
      const report: ReportRow = {
        id: randomUUID(),
        orderId: o.id,
        month: day(firstDay(m.month)),
        // Inserted as submitted (a validated report's rows cannot be written), validated below.
        status: m.status === "VALIDATED" ? "SUBMITTED" : m.status,
        activities: `${spec.themes[i % spec.themes.length]}.\n${spec.themes[(i + 1) % spec.themes.length]}.`,
        createdById: contractor.userId,
        createdAt: at(firstDay(m.month), "08:00"),
      };
      if (m.status !== "DRAFT") {
        report.submittedAt = at(`${next}-02`, "16:00");
        report.submittedById = contractor.userId;
      }
      if (m.status === "VALIDATED") {
        report.validatedAt = at(`${next}-05`, "10:00");
        report.validatedById = beneficiary.userId;
      }
      if (m.status === "REJECTED") {
        report.rejectedAt = at(`${next}-05`, "10:00");
        report.rejectedById = beneficiary.userId;
        report.rejectionReason = m.rejectionReason ?? null;
      }
      reports.push({ row: report, spec, month: m.month, final: m.status });
      for (const a of staffed) {
        const from = maxIso(firstDay(m.month), a.startsOn);
        const to = minIso(lastDay(m.month), a.endsOn, m.until ?? a.endsOn);
        if (from > to) continue;
        const wd = workingDays(from, to);
        // Ramp-up of a replacement: its first days, at the contractor's cost.
        const nonBillable =
          a.replaces && a.startsOn >= firstDay(m.month) ? Decimal.min(a.rampUpDays ?? 0, wd) : new Decimal(0);
        // Some leave: half of August, a few half-days scattered over the year.
        const monthNumber = Number(m.month.slice(5));
        let days = floorHalf(new Decimal(wd).minus(nonBillable).times(a.share));
        if (monthNumber === 8) days = floorHalf(days.dividedBy(2));
        days = Decimal.max(
          0,
          days.minus(new Decimal((monthNumber + (staffIndex.get(a.staffer) ?? 0)) % 4).times("0.5")),
        );
        // Never past the ordered days of the line.
        const line = lineOf(o, a.line);
        days = Decimal.min(days, line.orderedDays.minus(lineUsed.get(a.lineId) ?? 0));
        if (days.isZero() && nonBillable.isZero()) continue;
        addEntry(report, a, m.month, days, nonBillable);
        if (m.status === "VALIDATED")
          lineValidated.set(a.lineId, (lineValidated.get(a.lineId) ?? new Decimal(0)).plus(days));
      }
    });
    if (spec.adjustment) {
      const adj = spec.adjustment;
      const original = reports.find(
        (r) => r.spec === spec && r.month === adj.month && !r.row.adjustsReportId,
      );
      if (original?.final !== "VALIDATED") throw new Error("Seul un compte rendu validé se corrige");
      const report: ReportRow = {
        id: randomUUID(),
        orderId: o.id,
        month: day(firstDay(adj.month)),
        status: "SUBMITTED",
        activities: adj.activities,
        adjustsReportId: original.row.id,
        createdById: contractor.userId,
        createdAt: at(adj.submittedAt.slice(0, 10), "08:00"),
        submittedAt: new Date(`${adj.submittedAt}:00Z`),
        submittedById: contractor.userId,
        validatedAt: new Date(`${adj.validatedAt}:00Z`),
        validatedById: beneficiary.userId,
      };
      reports.push({ row: report, spec, month: adj.month, final: "VALIDATED" });
      for (const e of adj.entries) {
        const a = assignments.get(e.assignment) as Assigned;
        const days = new Decimal(e.days);
        addEntry(report, a, adj.month, days, new Decimal(0));
        lineValidated.set(a.lineId, (lineValidated.get(a.lineId) ?? new Decimal(0)).plus(days));
      }
    }
  }
  await tx.activityReport.createMany({ data: reports.map((r) => r.row) });
  await tx.activityEntry.createMany({ data: entries });
  await tx.activityReport.updateMany({
    where: { id: { in: reports.filter((r) => r.final === "VALIDATED").map((r) => r.row.id) } },
    data: { status: "VALIDATED" },
  });
  for (const r of reports) {
    const o = orderOf(r.spec.order);
    const contractor = personOf(o.contractorId);
    const beneficiary = personOf(o.beneficiaryId);
    const what = { month: r.month, ...(r.row.adjustsReportId ? { adjusts: r.row.adjustsReportId } : {}) };
    if (r.row.submittedAt)
      event(r.row.submittedAt as Date, contractor, "activity.submit", "ActivityReport", r.row.id, what);
    if (r.final === "VALIDATED")
      event(r.row.validatedAt as Date, beneficiary, "activity.validate", "ActivityReport", r.row.id, what);
    if (r.final === "REJECTED")
      event(r.row.rejectedAt as Date, beneficiary, "activity.reject", "ActivityReport", r.row.id, {
        ...what,
        reason: r.row.rejectionReason,
      });
  }

  // ── Service fait and invoices ──
  const entriesByReport = new Map<string, EntryRow[]>();
  for (const e of entries) entriesByReport.set(e.reportId, [...(entriesByReport.get(e.reportId) ?? []), e]);
  const planned = ACTIVITY.flatMap((spec) => spec.serviceFaits.map((sf) => ({ spec, sf })));
  planned.sort((a, b) => a.sf.decidedOn.localeCompare(b.sf.decidedOn));
  const counters = new Map<number, number>();
  const lineCertified = new Map<string, Decimal>();
  const certifiedReports = new Set<string>();
  const sfRows: Prisma.ServiceFaitCreateManyInput[] = [];
  const sfLines: Prisma.ServiceFaitLineCreateManyInput[] = [];
  const sfReports: Prisma.ServiceFaitReportCreateManyInput[] = [];
  const invoices: Prisma.InvoiceCreateManyInput[] = [];
  for (const { spec, sf } of planned) {
    const o = orderOf(spec.order);
    const contractor = personOf(o.contractorId);
    const beneficiary = personOf(o.beneficiaryId);
    const covered = reports.filter(
      (r) => r.spec === spec && r.final === "VALIDATED" && r.month >= sf.from && r.month <= sf.to,
    );
    const certifying = sf.decision === "ADMISSION" || sf.decision === "REFACTION";
    const year = Number(sf.decidedOn.slice(0, 4));
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    const id = randomUUID();
    const number = `SF-${year}-${String(n).padStart(4, "0")}`;
    let computed = 0n;
    for (const l of o.lines) {
      const days = covered
        .flatMap((r) => entriesByReport.get(r.row.id) ?? [])
        .filter((e) => e.orderLineId === l.id)
        .reduce((s, e) => s.plus(e.days), new Decimal(0));
      if (days.isZero()) continue;
      const amount = consumedAmountHtCents(l.unitPriceHtCents, days, l.daysPerUnit);
      computed += amount;
      sfLines.push({
        serviceFaitId: id,
        orderLineId: l.id,
        days: days.toFixed(1),
        unitPriceHtCents: l.unitPriceHtCents,
        amountHtCents: amount,
      });
      if (certifying) lineCertified.set(l.id, (lineCertified.get(l.id) ?? new Decimal(0)).plus(days));
    }
    for (const r of covered) {
      if (certifying && certifiedReports.has(r.row.id)) throw new Error("Compte rendu certifié deux fois");
      if (certifying) certifiedReports.add(r.row.id);
      sfReports.push({ serviceFaitId: id, reportId: r.row.id, certifying });
    }
    const refaction = sf.decision === "REFACTION" ? (sf.refactionHtCents ?? 0n) : 0n;
    const certified = certifying ? computed - refaction : 0n;
    const { vatCents, ttcCents } = orderTotals([certified], 2000);
    sfRows.push({
      id,
      orderId: o.id,
      number,
      periodStart: day(firstDay(sf.from)),
      periodEnd: day(lastDay(sf.to)),
      decision: sf.decision,
      computedHtCents: computed,
      refactionHtCents: refaction,
      certifiedHtCents: certified,
      vatCents,
      certifiedTtcCents: ttcCents,
      comment: sf.comment ?? "",
      isFinal: sf.isFinal ?? false,
      decidedOn: day(sf.decidedOn),
      issuedById: beneficiary.userId,
      signatoryName: beneficiary.name,
      createdAt: at(sf.decidedOn, "15:00"),
    });
    event(at(sf.decidedOn, "15:00"), beneficiary, "serviceFait.issue", "ServiceFait", id, {
      number,
      decision: sf.decision,
      certifiedHtCents: certified.toString(),
    });
    if (sf.invoice) {
      if (!certifying) throw new Error("Une facture suit un service fait prononcé");
      const invoiceId = randomUUID();
      invoices.push({
        id: invoiceId,
        serviceFaitId: id,
        contractorId: o.contractorId,
        number: sf.invoice.number,
        receivedOn: day(sf.invoice.receivedOn),
        amountHtCents: certified,
        amountTtcCents: ttcCents,
        paidOn: sf.invoice.paidOn ? day(sf.invoice.paidOn) : null,
        recordedById: contractor.userId,
        paymentRecordedById: sf.invoice.paidOn ? beneficiary.userId : null,
        createdAt: at(sf.invoice.receivedOn, "11:00"),
      });
      event(at(sf.invoice.receivedOn, "11:00"), contractor, "invoice.record", "Invoice", invoiceId, {
        number: sf.invoice.number,
        amountHtCents: certified.toString(),
      });
      if (sf.invoice.paidOn)
        event(at(sf.invoice.paidOn, "12:00"), beneficiary, "invoice.pay", "Invoice", invoiceId, {
          paidOn: sf.invoice.paidOn,
        });
    }
  }
  await tx.serviceFait.createMany({ data: sfRows });
  await tx.serviceFaitLine.createMany({ data: sfLines });
  await tx.serviceFaitReport.createMany({ data: sfReports });
  await tx.invoice.createMany({ data: invoices });
  await tx.serviceFaitNumberCounter.createMany({
    data: [...counters].map(([year, last]) => ({ agreementId, year, last })),
  });

  // ── What the lines consumed and what was certified; the closed order's commitment ──
  let releasedByClosing = 0n;
  for (const o of orders.values()) {
    let consumedHt = 0n;
    for (const l of o.lines) {
      const consumed = lineValidated.get(l.id) ?? new Decimal(0);
      const certified = lineCertified.get(l.id) ?? new Decimal(0);
      if (certified.greaterThan(consumed) || consumed.greaterThan(l.orderedDays))
        throw new Error("certifié ≤ validé ≤ commandé");
      consumedHt += consumedAmountHtCents(l.unitPriceHtCents, consumed, l.daysPerUnit);
      if (consumed.isZero()) continue;
      await tx.orderLine.update({
        where: { id: l.id },
        data: { consumedDays: consumed.toFixed(1), certifiedDays: certified.toFixed(1) },
      });
    }
    if (o.status === "CLOSED") {
      // Closing commits only what was consumed (rule 4); demo-orders committed 0 for it.
      await tx.purchaseOrder.update({ where: { id: o.id }, data: { committedHtCents: consumedHt } });
      releasedByClosing += consumedHt;
    }
  }
  await tx.frameworkAgreement.update({
    where: { id: agreementId },
    data: { committedHtCents: { increment: releasedByClosing } },
  });

  // ── Order lifecycle events that follow the work ──
  for (const spec of ACTIVITY) {
    const o = orderOf(spec.order);
    if (!["IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status)) continue;
    event(at(o.startsOn, "05:00"), null, "order.start", "PurchaseOrder", o.id, {
      status: "IN_PROGRESS",
      cause: "start-date",
    });
    const final = spec.serviceFaits.find((s) => s.isFinal);
    if (final && (o.status === "COMPLETED" || o.status === "CLOSED")) {
      event(at(final.decidedOn, "15:01"), null, "order.complete", "PurchaseOrder", o.id, {
        status: "COMPLETED",
        cause: "period-ended-final-service-fait",
      });
    }
    if (o.status === "CLOSED" && o.closedAt) {
      event(o.closedAt, personOf(o.beneficiaryId), "order.close", "PurchaseOrder", o.id, {
        status: "CLOSED",
      });
    }
  }
  await tx.auditEvent.createMany({ data: audit });
}
