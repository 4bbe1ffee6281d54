// Deterministic generator of a national-scale data set, written through the project's own
// schema (every CHECK constraint and unique index applies). At scale 1: 80 beneficiaries,
// 3 contractors, 800 products, about 40 000 orders with 160 000 lines over ten years,
// 12 000 staffers and about 2 000 000 monthly report rows (ActivityEntry), with their
// monthly reports, assignments, service-fait records, invoices and audit events.
//
// How the data hangs together (what the integration test checks):
// - an order's status follows its dates relative to `today` (drafts are recent, acknowledged
//   orders start later, in-progress orders cover today, closed ones ended long ago…);
// - a line's ordered days cover what its staffers were planned to do; validated report rows
//   never exceed them (consumed ≤ ordered), certified days never exceed validated ones;
// - a staffer's days in a month never exceed the working days of that month (French
//   public holidays excluded), across every order they work on;
// - the agreement's committed amount is the sum of its orders' committed amounts and stays
//   below the ceiling; order and service-fait numbers are gapless per year.
//
// Loading: the whole load runs in the caller's transaction with
// `session_replication_role = replica`, which skips triggers — the immutability guards
// (validated reports, issued lines, service fait) that would otherwise forbid writing
// history as it stands today, and the per-row foreign-key triggers (8 million look-ups for
// the report rows alone). CHECK constraints and unique indexes still apply; references are
// consistent by construction and checked by the test. The dashboard's summary, kept by
// triggers in normal operation, is rebuilt at the end (dashboard_rebuild()). It needs a superuser (or the
// database owner with that right), which a throwaway benchmark database has.
import { type Exec, Loader } from "./bulk";
import {
  addMonths,
  type Day,
  dayOf,
  firstDayOfMonth,
  lastDayOfMonth,
  type Month,
  monthOfDay,
  WorkingCalendar,
  yearOfDay,
} from "./calendar";
import { beneficiaryNames, CONTRACTORS, personName, productNames, slug } from "./names";
import { Rng, siretFrom, zipfWeights } from "./random";

export type SqlClient = {
  /** Runs a statement (parameters as an array). */
  exec: Exec;
  /** Runs a query and returns its rows. */
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
};

/**
 * What the generator's few reads return on an empty, migrated database with no secondary
 * index to rebuild: for runs without a database (--dry-run, the determinism test).
 */
export function noDatabaseAnswer(sql: string): Array<Record<string, unknown>> {
  if (sql.includes("session_replication_role")) return [{ role: "replica" }];
  if (sql.includes("count(*)")) return [{ n: 0 }];
  return [];
}

export type GenerateOptions = {
  client: SqlClient;
  /** 1 = national scale; 0.01 for quick runs; 0.002 in the tests. */
  scale?: number;
  seed?: number;
  /** The day the data set is "taken" (statuses and reports are relative to it). */
  today?: string;
  /** Years of history, the last one being today's. */
  years?: number;
  /** Batches sent ahead while the next ones are generated (1 = one at a time). */
  maxInFlight?: number;
  log?: (line: string) => void;
};

export const GENERATOR_DEFAULTS = { scale: 1, seed: 20_261_125, today: "2026-11-20", years: 10 };

export type GenerateReport = {
  scale: number;
  seed: number;
  today: string;
  counts: Record<string, number>;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
};

// ── The UO catalogue, as in prisma/seed/reference.ts, with typical daily rates ──
const UO = [
  { code: "DEVOPS_JUNIOR", label: "Devops – Junior", family: "DEVOPS", level: "Junior", rate: 450, w: 10 },
  {
    code: "DEVOPS_CONFIRME",
    label: "Devops – Confirmé",
    family: "DEVOPS",
    level: "Confirmé",
    rate: 600,
    w: 25,
  },
  { code: "DEVOPS_SENIOR", label: "Devops – Senior", family: "DEVOPS", level: "Senior", rate: 750, w: 15 },
  { code: "DESIGN_JUNIOR", label: "Design – Junior", family: "DESIGN", level: "Junior", rate: 450, w: 6 },
  {
    code: "DESIGN_CONFIRME",
    label: "Design – Confirmé",
    family: "DESIGN",
    level: "Confirmé",
    rate: 620,
    w: 12,
  },
  {
    code: "BIZDEV_CUSTOMER_SUCCESS",
    label: "Déploiement et service aux utilisateurs (Bizdev – Customer Success)",
    family: "BIZDEV",
    level: null,
    rate: 550,
    w: 12,
  },
  {
    code: "PM_JUNIOR",
    label: "Product Management – Junior",
    family: "PRODUCT_MANAGEMENT",
    level: "Junior",
    rate: 500,
    w: 8,
  },
  { code: "PM", label: "Product Management", family: "PRODUCT_MANAGEMENT", level: null, rate: 700, w: 12 },
  { code: "REVERSIBILITE", label: "Réversibilité", family: "REVERSIBILITE", level: null, rate: 650, w: 0 },
] as const;
/** Profiles staffed on order lines (Réversibilité is never ordered by the generator). */
const STAFFED_UO = UO.map((_, i) => i).filter((i) => (UO[i]?.w ?? 0) > 0);
const UO_WEIGHTS = STAFFED_UO.map((i) => UO[i]?.w ?? 0);

const ACTIVITIES = [
  "Développement des fonctionnalités prévues au sprint, revue de code, mise en production.",
  "Entretiens utilisateurs, analyse des retours, itération sur les maquettes.",
  "Correction d'anomalies, montée de version des dépendances, supervision.",
  "Animation de la communauté d'usagers, support de niveau 1, suivi des indicateurs.",
  "Priorisation du backlog, comité de pilotage, mesure d'impact.",
  "Accessibilité : audit RGAA et corrections ; documentation technique.",
];
const DELIVERABLES = [
  "",
  "",
  "",
  "Le service en production et son code source publié.",
  "Maquettes et parcours utilisateurs issus de la recherche utilisateur.",
  "Tableau de bord des indicateurs d'impact.",
];
const RISK_TITLES = [
  "Dépendance à une API partenaire instable",
  "Départ d'un membre clé de l'équipe",
  "Budget de la phase suivante non confirmé",
  "Hébergement à migrer avant la fin de l'année",
  "Adoption plus lente que prévu",
  "Homologation de sécurité en attente",
];
const LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;

const SIZE = {
  small: { w: 60, lines: [1, 3], months: [2, 4], staffers: [1, 0, 0] },
  medium: { w: 30, lines: [3, 6], months: [6, 12], staffers: [0.75, 0.25, 0] },
  large: { w: 10, lines: [8, 20], months: [12, 24], staffers: [0.55, 0.35, 0.1] },
} as const;
type SizeName = keyof typeof SIZE;
const SIZES = Object.keys(SIZE) as SizeName[];
/** Share of a staffer's month worked on one line: mostly part-time (several lines at once). */
const FRACTIONS = [0.1, 0.2, 0.3, 0.5, 1];
const FRACTION_WEIGHTS = [20, 25, 25, 20, 10];

type Status = "DRAFT" | "ISSUED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "COMPLETED" | "CLOSED" | "CANCELLED";

type User = { id: string; email: string; name: string };
type Org = { id: string; name: string; key: string; users: User[] };

type Correction = {
  id: string;
  createdDay: Day;
  orderDate: Day;
  issuedSec: number;
  ackDay: Day | null;
  number: string;
};

type Header = {
  id: string;
  ben: number;
  product: number;
  contractor: number;
  size: SizeName;
  created: Day;
  createdSec: number;
  starts: Day;
  ends: Day;
  status: Status;
  orderDate: Day | null;
  issuedSec: number;
  cancelledDay: Day | null;
  ackDay: Day | null;
  finalSfDay: Day | null;
  closeDay: Day | null;
  number: string | null;
  correction: Correction | null;
};

const half = (halfDays: number) => (halfDays / 2).toFixed(1);
/** Quantity in UO of a whole number of days (1 day = 0.05 UO), exactly. */
const quantityOf = (days: number) => {
  const hundredths = days * 5;
  return `${days < 0 ? "-" : ""}${Math.floor(Math.abs(hundredths) / 100)}.${String(Math.abs(hundredths) % 100).padStart(2, "0")}`;
};
/** round-half-up(unit × days / 20) = line amount of `days` at `unit` per UO. */
const amountOfDays = (unit: number, days: number) => BigInt(Math.floor((unit * days + 10) / 20));
/** round-half-up(unit × halfDays / 40): amount of validated or certified days. */
const amountOfHalfDays = (unit: number, halfDays: number) => BigInt(Math.floor((unit * halfDays + 20) / 40));
const vatOf = (ht: bigint, bp: number) => (ht * BigInt(bp) + 5000n) / 10000n;

export async function generateDataSet(options: GenerateOptions): Promise<GenerateReport> {
  const scale = options.scale ?? GENERATOR_DEFAULTS.scale;
  const seed = options.seed ?? GENERATOR_DEFAULTS.seed;
  const todayIso = options.today ?? GENERATOR_DEFAULTS.today;
  const years = options.years ?? GENERATOR_DEFAULTS.years;
  const log = options.log ?? (() => {});
  const { client } = options;
  if (!(scale > 0 && scale <= 10)) throw new Error("scale must be in (0, 10]");
  const t0 = performance.now();

  const [{ n: existing } = { n: 0 }] = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "FrameworkAgreement"`,
  );
  if (existing > 0) {
    throw new Error(
      "La base contient déjà un accord-cadre : le générateur remplit une base vide et migrée (voir --reset).",
    );
  }
  await client.exec("SET LOCAL session_replication_role = replica", []);
  const [{ role } = { role: "" }] = await client.query<{ role: string }>(
    "SELECT current_setting('session_replication_role') AS role",
  );
  if (role !== "replica") throw new Error("The generator must run inside a transaction.");
  // Secondary indexes are dropped for the load and rebuilt at the end, in this transaction
  // (the pg_restore way): one sorted build per index instead of millions of random inserts.
  // Their definitions come from the catalogue, so they come back exactly as migrated.
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> '_prisma_migrations'
        AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  for (const ix of indexes) await client.exec(`DROP INDEX ${ix.name}`, []);

  const rng = new Rng(seed);
  const T = dayOf(todayIso);
  const anchorYear = yearOfDay(T);
  const firstYear = anchorYear - years + 1;
  const agreementStart = dayOf(`${firstYear}-01-01`);
  const agreementEnd = dayOf(`${anchorYear + 3}-12-31`);
  const cal = new WorkingCalendar(firstYear - 1, anchorYear + 4);
  const M0 = monthOfDay(agreementStart);
  const monthCount = monthOfDay(agreementEnd) - M0 + 1;
  const monthIso = (m: Month) => cal.iso(firstDayOfMonth(m));
  const ts = (day: Day, sec: number) => cal.at(day, sec);
  const workSec = () => rng.int(7 * 3600, 17 * 3600);

  const loader = new Loader(options.client.exec, options.maxInFlight ?? 1);
  const T_ = (name: string, cols: Record<string, string>, batch?: number) => loader.table(name, cols, batch);
  const audit = T_("AuditEvent", {
    occurredAt: "timestamptz",
    actorUserId: "uuid",
    actorEmail: "text",
    actorRole: '"Role"',
    actorOrgId: "text",
    actorOrgName: "text",
    action: "text",
    entityType: "text",
    entityId: "text",
    before: "jsonb",
    after: "jsonb",
  });
  const auditEvent = (
    at: string,
    actor: { user: User; role: "BENEFICIARY" | "CONTRACTOR" | "DINUM"; org: Org } | null,
    action: string,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) =>
    audit.push(
      at,
      actor?.user.id ?? null,
      actor?.user.email ?? null,
      actor?.role ?? null,
      actor ? actor.org.key : null,
      actor?.org.name ?? null,
      action,
      entityType,
      entityId,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
    );

  // ── Counts at this scale (never below what makes every case possible) ──
  const nBeneficiaries = Math.max(4, Math.round(80 * scale));
  const nContractors = 3;
  const nProducts = Math.max(nBeneficiaries * 2, Math.round(800 * scale));
  const nOrders = Math.max(40, Math.round(40_000 * scale));
  const nStaffers = Math.max(nContractors * STAFFED_UO.length * 2, Math.round(12_000 * scale));
  log(
    `Échelle ${scale} : ${nBeneficiaries} bénéficiaires, ${nContractors} titulaires, ${nProducts} produits, ${nOrders} commandes, ${nStaffers} intervenants.`,
  );

  // ── Agreement and UO catalogue ──
  const agreementId = rng.uuid();
  const setupAt = ts(agreementStart - 30, 9 * 3600);
  await client.exec(
    `INSERT INTO "FrameworkAgreement" ("id","reference","title","startsOn","endsOn","maxAmountHtCents","vatRateBp","createdAt","updatedAt","committedHtCents")
     VALUES ($1::uuid, '21_BAM_048', $2, $3::date, $4::date, 1, 2000, $5::timestamptz, $5::timestamptz, 0)`,
    [
      agreementId,
      "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv",
      cal.iso(agreementStart),
      cal.iso(agreementEnd),
      setupAt,
    ],
  );
  const uoIds = UO.map(() => rng.uuid());
  for (const [i, uo] of UO.entries()) {
    await client.exec(
      `INSERT INTO "UoType" ("id","agreementId","code","label","family","level","daysPerUnit","description","deliverables","sortOrder","createdAt","updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::"UoFamily", $6, 20, $7, $8::text[], $9, $10::timestamptz, $10::timestamptz)`,
      [
        uoIds[i],
        agreementId,
        uo.code,
        uo.label,
        uo.family,
        uo.level,
        `Profil ${uo.label}.`,
        ["Le service lui-même, en production"],
        i + 1,
        setupAt,
      ],
    );
  }

  // ── Organisations and people ──
  const users = T_("User", {
    id: "uuid",
    email: "text",
    givenName: "text",
    usualName: "text",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const memberships = T_("Membership", {
    id: "uuid",
    userId: "uuid",
    role: '"Role"',
    beneficiaryId: "uuid",
    contractorId: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const emails = new Set<string>();
  const newUser = async (domain: string): Promise<User> => {
    const p = personName(rng);
    let email = `${slug(p.given)}.${slug(p.family)}@${domain}`;
    for (let k = 2; emails.has(email); k++) email = `${slug(p.given)}.${slug(p.family)}${k}@${domain}`;
    emails.add(email);
    const u = { id: rng.uuid(), email, name: `${p.given} ${p.family}` };
    await users.push(u.id, email, p.given, p.family, setupAt, setupAt);
    return u;
  };
  const member = (u: User, role: "BENEFICIARY" | "CONTRACTOR" | "DINUM", org: Org) =>
    memberships.push(
      rng.uuid(),
      u.id,
      role,
      role === "CONTRACTOR" ? null : org.id,
      role === "CONTRACTOR" ? org.id : null,
      setupAt,
      setupAt,
    );

  const contractorsT = T_("Contractor", {
    id: "uuid",
    name: "text",
    acronym: "text",
    siret: "text",
    postalAddress: "text",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const contractors: Array<Org & { acronym: string }> = [];
  for (let c = 0; c < nContractors; c++) {
    const def = CONTRACTORS[c] as (typeof CONTRACTORS)[number];
    const org = { id: rng.uuid(), name: def.name, key: "", users: [] as User[], acronym: def.acronym };
    org.key = `contractor:${org.id}`;
    await contractorsT.push(
      org.id,
      def.name,
      def.acronym,
      siretFrom(8_800_000_000_000 + c * 1_000_017),
      `${10 + c} rue de la République\n69002 Lyon`,
      setupAt,
      setupAt,
    );
    for (let k = 0; k < 3; k++) {
      const u = await newUser(def.domain);
      org.users.push(u);
      await member(u, "CONTRACTOR", org);
    }
    contractors.push(org);
  }

  const beneficiariesT = T_("Beneficiary", {
    id: "uuid",
    name: "text",
    acronym: "text",
    siret: "text",
    postalAddress: "text",
    chorusServiceCode: "text",
    billingAddress: "text",
    isDinum: "boolean",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  // Rank 0 is the largest beneficiary; DINUM is the third largest.
  const DINUM_RANK = 2;
  const names = beneficiaryNames(nBeneficiaries - 1);
  const beneficiaries: Array<Org & { chorus: string; billing: string; isDinum: boolean }> = [];
  for (let b = 0; b < nBeneficiaries; b++) {
    const isDinum = b === DINUM_RANK;
    const name = isDinum
      ? "Direction interministérielle du numérique"
      : (names[b < DINUM_RANK ? b : b - 1] as string);
    const acronym = isDinum
      ? "DINUM"
      : name
          .split(/[\s'-]+/)
          .filter((w) => w.length > 3)
          .map((w) => w[0]?.toUpperCase())
          .join("")
          .slice(0, 6);
    const org = {
      id: rng.uuid(),
      name,
      key: "",
      users: [] as User[],
      chorus: `${slug(acronym).toUpperCase().replace(/\./g, "") || "SRV"}${String(b).padStart(4, "0")}`,
      billing: `Service facturier – ${name}\n${1 + b} avenue de Ségur\n75007 Paris`,
      isDinum,
    };
    org.key = `beneficiary:${org.id}`;
    await beneficiariesT.push(
      org.id,
      name,
      acronym,
      isDinum ? "13002526500013" : siretFrom(1_100_000_000_000 + b * 7_919),
      `${1 + b} avenue de Ségur\n75007 Paris`,
      org.chorus,
      org.billing,
      isDinum,
      setupAt,
      setupAt,
    );
    const domain = isDinum ? "numerique.gouv.fr" : `${slug(acronym) || "org"}${b}.gouv.fr`;
    const correspondents = b < 10 ? 2 : 1;
    for (let k = 0; k < correspondents; k++) {
      const u = await newUser(domain);
      org.users.push(u);
      await member(u, "BENEFICIARY", org);
    }
    beneficiaries.push(org);
  }
  const dinumOrg = beneficiaries[DINUM_RANK] as (typeof beneficiaries)[number];
  const dinumAdmins: User[] = [];
  for (let k = 0; k < 2; k++) {
    const u = await newUser("numerique.gouv.fr");
    dinumAdmins.push(u);
    await member(u, "DINUM", dinumOrg);
  }
  // The first DINUM administrator is also a correspondent of DINUM as a beneficiary.
  await member(dinumAdmins[0] as User, "BENEFICIARY", dinumOrg);
  dinumOrg.users.push(dinumAdmins[0] as User);
  const dinumActor = { user: dinumAdmins[0] as User, role: "DINUM" as const, org: dinumOrg };
  await auditEvent(setupAt, null, "agreement.seed", "FrameworkAgreement", agreementId, null, {
    reference: "21_BAM_048",
  });

  // ── Products ──
  const productsT = T_("Product", {
    id: "uuid",
    name: "text",
    beneficiaryId: "uuid",
    kind: '"ProductKind"',
    incubator: "text",
    betaGouvId: "text",
    statsUrl: "text",
    description: "text",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const benWeights = zipfWeights(nBeneficiaries, 1);
  const productNamesList = productNames(rng, nProducts);
  const products: Array<{ id: string; ben: number; contractor: number; name: string; firstDay: Day }> = [];
  const productsOf: number[][] = beneficiaries.map(() => []);
  for (let p = 0; p < nProducts; p++) {
    // Every beneficiary has at least one product; the rest follow the beneficiaries' sizes.
    const ben = p < nBeneficiaries ? p : rng.weighted(benWeights);
    const org = beneficiaries[ben] as (typeof beneficiaries)[number];
    const name = productNamesList[p] as string;
    const kind = org.isDinum && rng.chance(0.5) ? "DINUM_PRODUCT" : "STARTUP_ETAT";
    const betaId = `${slug(name).replace(/\./g, "-")}-${p}`;
    const id = rng.uuid();
    await productsT.push(
      id,
      name,
      org.id,
      kind,
      kind === "STARTUP_ETAT" ? `Incubateur ${org.name.split(" ").slice(-1)[0]}` : null,
      kind === "STARTUP_ETAT" ? betaId : null,
      kind === "STARTUP_ETAT" ? `https://${betaId}.beta.gouv.fr/stats` : null,
      `${name} : un service numérique de ${org.name}.`,
      setupAt,
      setupAt,
    );
    products.push({
      id,
      ben,
      contractor: rng.weighted([45, 35, 20]),
      name,
      firstDay: Number.POSITIVE_INFINITY,
    });
    (productsOf[ben] as number[]).push(p);
  }

  // ── Price schedules: one validated version per year and contractor, +2 %/year ──
  const scheduleT = T_("PriceSchedule", {
    id: "uuid",
    agreementId: "uuid",
    contractorId: "uuid",
    createdAt: "timestamptz",
  });
  const versionT = T_("PriceScheduleVersion", {
    id: "uuid",
    scheduleId: "uuid",
    number: "int4",
    effectiveOn: "date",
    status: '"PriceScheduleStatus"',
    comment: "text",
    proposedById: "uuid",
    proposedAt: "timestamptz",
    decidedById: "uuid",
    decidedAt: "timestamptz",
  });
  const itemT = T_("PriceScheduleItem", {
    id: "uuid",
    versionId: "uuid",
    uoTypeId: "uuid",
    unitPriceHtCents: "int4",
  });
  /** prices[c][year - firstYear][uo] in cents per UO, and the version ids. */
  const prices: number[][][] = [];
  const versionIds: string[][] = [];
  for (const [c, org] of contractors.entries()) {
    const scheduleId = rng.uuid();
    await scheduleT.push(scheduleId, agreementId, org.id, setupAt);
    const factor = 0.95 + 0.05 * c;
    prices.push([]);
    versionIds.push([]);
    for (let y = firstYear; y <= anchorYear + 1; y++) {
      const pending = y === anchorYear + 1;
      if (pending && c !== 1) continue; // one proposal awaits DINUM's decision
      const vid = rng.uuid();
      const effective = y === firstYear ? agreementStart : dayOf(`${y}-01-01`);
      const proposedAt = ts(dayOf(`${y - 1}-11-${10 + c}`), workSec());
      const decidedAt = pending ? null : ts(dayOf(`${y - 1}-12-${10 + c}`), workSec());
      await versionT.push(
        vid,
        scheduleId,
        y - firstYear + 1,
        cal.iso(effective),
        pending ? "PROPOSED" : "VALIDATED",
        pending ? "Révision annuelle proposée." : "Révision annuelle.",
        (org.users[0] as User).id,
        proposedAt,
        pending ? null : (dinumAdmins[0] as User).id,
        decidedAt,
      );
      const row: number[] = [];
      for (const [i, uo] of UO.entries()) {
        const unit = Math.round(uo.rate * 20 * 100 * factor * 1.02 ** (y - firstYear));
        row.push(unit);
        await itemT.push(rng.uuid(), vid, uoIds[i] as string, unit);
      }
      if (!pending) {
        (prices[c] as number[][]).push(row);
        (versionIds[c] as string[]).push(vid);
        await auditEvent(
          decidedAt as string,
          dinumActor,
          "priceSchedule.validate",
          "PriceScheduleVersion",
          vid,
          { status: "PROPOSED" },
          { status: "VALIDATED" },
        );
      }
    }
  }
  const priceOn = (c: number, day: Day, uo: number) => {
    const y = Math.min(Math.max(yearOfDay(day), firstYear), anchorYear) - firstYear;
    return { unit: prices[c]?.[y]?.[uo] as number, versionId: versionIds[c]?.[y] as string };
  };

  // ── Staffers: pools per contractor and profile, with a month-by-month capacity ──
  const stafferT = T_("Staffer", {
    id: "uuid",
    contractorId: "uuid",
    fullName: "text",
    email: "text",
    uoTypeId: "uuid",
    status: '"StafferStatus"',
    subcontractorName: "text",
    betaUsername: "text",
    active: "boolean",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const staffers: Array<{ id: string; contractor: number; uo: number }> = [];
  const pools: number[][][] = contractors.map(() => UO.map(() => []));
  const contractorWeights = [45, 35, 20];
  for (let s = 0; s < nStaffers; s++) {
    // The first ones cover every pool; then staff follows each contractor's share of orders.
    const c = s < nContractors * STAFFED_UO.length ? s % nContractors : rng.weighted(contractorWeights);
    const uo =
      s < nContractors * STAFFED_UO.length
        ? (STAFFED_UO[Math.floor(s / nContractors)] as number)
        : (STAFFED_UO[rng.weighted(UO_WEIGHTS)] as number);
    const p = personName(rng);
    const status = rng.weighted([60, 30, 10]);
    const id = rng.uuid();
    staffers.push({ id, contractor: c, uo });
    ((pools[c] as number[][])[uo] as number[]).push(s);
    const org = contractors[c] as Org;
    await stafferT.push(
      id,
      org.id,
      `${p.given} ${p.family}`,
      `${slug(p.given)}.${slug(p.family)}.${s}@${CONTRACTORS[c]?.domain}`,
      uoIds[uo] as string,
      (["EMPLOYEE", "INDEPENDENT", "SUBCONTRACTOR"] as const)[status] as string,
      status === 2 ? `Sous-traitant ${1 + (s % 17)}` : null,
      rng.chance(0.6) ? `${slug(p.given)}.${slug(p.family)}${s}` : null,
      true,
      setupAt,
      setupAt,
    );
  }
  /** Half-days already booked per staffer and month (≤ 2 × working days). */
  const booked = new Uint8Array(nStaffers * monthCount);

  // ── Phase A: order headers (dates and statuses), numbered in issue order ──
  const yearWeights = Array.from({ length: years }, (_, i) => {
    const y = firstYear + i;
    const daysInYear = y === anchorYear ? T - dayOf(`${y}-01-01`) + 1 : 365;
    return (0.6 + (0.8 * i) / Math.max(1, years - 1)) * (daysInYear / 365);
  });
  const headers: Header[] = [];
  // The first orders are placed so that every status exists even at the smallest scales.
  const FORCED: Status[] = [
    "DRAFT",
    "ISSUED",
    "ACKNOWLEDGED",
    "IN_PROGRESS",
    "COMPLETED",
    "CLOSED",
    "CANCELLED",
  ];
  const forcedCreated: Partial<Record<Status, () => Day>> = {
    DRAFT: () => T - rng.int(1, 20),
    ISSUED: () => T - rng.int(2, 5),
    ACKNOWLEDGED: () => T - rng.int(15, 25),
    IN_PROGRESS: () => T - rng.int(60, 200),
    COMPLETED: () => T - rng.int(260, 320),
    CLOSED: () => T - rng.int(700, 2_000),
  };
  for (let o = 0; o < nOrders; o++) {
    const force = FORCED[o];
    const y = firstYear + rng.weighted(yearWeights);
    const yStart = dayOf(`${y}-01-01`);
    const drawn = rng.int(yStart, Math.min(T, dayOf(`${y}-12-31`)));
    const created = (force && forcedCreated[force]?.()) ?? drawn;
    const ben = rng.weighted(benWeights);
    const own = productsOf[ben] as number[];
    const product = own[Math.min(own.length - 1, rng.weighted(zipfWeights(own.length, 0.8)))] as number;
    const main = (products[product] as (typeof products)[number]).contractor;
    const contractor = rng.chance(0.85) ? main : rng.int(0, nContractors - 1);
    const drawnSize = SIZES[rng.weighted(SIZES.map((s) => SIZE[s].w))] as SizeName;
    const size: SizeName =
      force === "IN_PROGRESS" ? "large" : force === "COMPLETED" || force === "CLOSED" ? "small" : drawnSize;
    const drawnStart = created + rng.int(5, 40);
    const starts = force === "ACKNOWLEDGED" ? Math.max(drawnStart, T + 10) : drawnStart;
    const months = rng.int(SIZE[size].months[0], SIZE[size].months[1]);
    const ends = Math.min(addMonths(starts, months) - 1, agreementEnd);
    const h: Header = {
      id: rng.uuid(),
      ben,
      product,
      contractor,
      size,
      created,
      createdSec: workSec(),
      starts,
      ends,
      status: "DRAFT",
      orderDate: null,
      issuedSec: workSec(),
      cancelledDay: null,
      ackDay: null,
      finalSfDay: null,
      closeDay: null,
      number: null,
      correction: null,
    };
    const orderDate = force === "ISSUED" ? created + 1 : created + rng.int(0, 6);
    const cancelledDraw = rng.chance(0.025);
    const cancelled = force ? force === "CANCELLED" : cancelledDraw;
    const draftDraw = created > T - 60 && rng.chance(0.3);
    if (orderDate > T || (force ? force === "DRAFT" : draftDraw)) {
      h.status = cancelled ? "CANCELLED" : "DRAFT";
      if (cancelled) h.cancelledDay = Math.min(T, created + rng.int(1, 20));
    } else if (cancelled) {
      h.status = "CANCELLED";
      if (rng.chance(0.5)) h.orderDate = orderDate; // cancelled after issue, before acknowledgement
      h.cancelledDay = Math.min(T, orderDate + rng.int(0, 10));
    } else {
      h.orderDate = orderDate;
      const ack = force === "ISSUED" ? T + 1 : orderDate + rng.int(1, 8);
      if (ack > T) h.status = "ISSUED";
      else {
        h.ackDay = ack;
        if (starts > T) h.status = "ACKNOWLEDGED";
        else {
          const finalSf = lastDayOfMonth(monthOfDay(ends)) + rng.int(20, 45);
          if (ends >= T || finalSf > T) h.status = "IN_PROGRESS";
          else {
            h.finalSfDay = finalSf;
            const close = finalSf + rng.int(5, 120);
            const stayCompleted = rng.chance(0.03);
            if (force === "COMPLETED" || (force !== "CLOSED" && (close > T || stayCompleted))) {
              h.status = "COMPLETED";
            } else {
              h.status = "CLOSED";
              h.closeDay = Math.min(close, T);
            }
          }
        }
      }
      // A few orders get a corrective order (more days on one line) while they run.
      if (h.ackDay !== null && rng.chance(0.03)) {
        const last = Math.min(T, h.finalSfDay ?? T, Math.max(h.ackDay, ends));
        const createdDay = rng.int(h.ackDay, Math.max(h.ackDay, last - 3));
        const od = Math.min(last, createdDay + rng.int(0, 3));
        const cAck = od + rng.int(1, 8);
        h.correction = {
          id: rng.uuid(),
          createdDay,
          orderDate: od,
          issuedSec: workSec(),
          ackDay: cAck <= T ? cAck : null,
          number: "",
        };
      }
    }
    headers.push(h);
    const prod = products[product] as (typeof products)[number];
    prod.firstDay = Math.min(prod.firstDay, created);
  }
  headers.sort((a, b) => a.created - b.created || a.createdSec - b.createdSec);
  // Gapless numbers per year of the order date, in issue order (corrective orders included).
  const issued: Array<{ day: Day; sec: number; set: (n: string) => void }> = [];
  for (const h of headers) {
    if (h.orderDate !== null) {
      issued.push({
        day: h.orderDate,
        sec: h.issuedSec,
        set: (n) => {
          h.number = n;
        },
      });
    }
    const c = h.correction;
    if (c) {
      issued.push({
        day: c.orderDate,
        sec: c.issuedSec,
        set: (n) => {
          c.number = n;
        },
      });
    }
  }
  issued.sort((a, b) => a.day - b.day || a.sec - b.sec);
  const counters = new Map<number, number>();
  for (const it of issued) {
    const y = yearOfDay(it.day);
    const k = (counters.get(y) ?? 0) + 1;
    counters.set(y, k);
    it.set(`BDC-${y}-${String(k).padStart(4, "0")}`);
  }

  // ── Product phases, impact indicators and risks ──
  const phaseT = T_("ProductPhase", {
    id: "uuid",
    productId: "uuid",
    phase: '"ProductPhaseName"',
    startsOn: "date",
    endsOn: "date",
    comment: "text",
    createdAt: "timestamptz",
  });
  const indicatorT = T_("ProductIndicator", {
    id: "uuid",
    productId: "uuid",
    month: "date",
    monthlyActiveUsers: "int4",
    satisfactionTenths: "int4",
    enteredById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const riskT = T_("Risk", {
    id: "uuid",
    productId: "uuid",
    contractorId: "uuid",
    title: "text",
    description: "text",
    likelihood: '"RiskLevel"',
    impact: '"RiskLevel"',
    mitigation: "text",
    owner: "text",
    status: '"RiskStatus"',
    createdById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  for (const prod of products) {
    const first = Number.isFinite(prod.firstDay) ? prod.firstDay : T - 30;
    const phases = ["INVESTIGATION", "CONSTRUCTION", "ACCELERATION", "CONSOLIDATION"] as const;
    const lengths = [rng.int(45, 63), rng.int(300, 420), rng.int(300, 420), 100_000];
    let from = first;
    for (const [i, phase] of phases.entries()) {
      if (from > T) break;
      const to = from + (lengths[i] as number);
      await phaseT.push(
        rng.uuid(),
        prod.id,
        phase,
        cal.iso(from),
        to > T ? null : cal.iso(to - 1),
        "",
        ts(from, workSec()),
      );
      from = to;
    }
    const enteredBy = ((beneficiaries[prod.ben] as Org).users[0] as User).id;
    let mau = rng.int(200, 5_000);
    for (let m = Math.max(monthOfDay(first) + 3, M0); m < monthOfDay(T); m++) {
      mau = Math.max(0, Math.round(mau * (0.97 + rng.next() * 0.12)));
      const at = ts(firstDayOfMonth(m + 1) + rng.int(1, 10), workSec());
      await indicatorT.push(
        rng.uuid(),
        prod.id,
        monthIso(m),
        mau,
        rng.chance(0.6) ? rng.int(55, 95) : null,
        enteredBy,
        at,
        at,
      );
    }
    const org = contractors[prod.contractor] as Org;
    for (let k = rng.int(0, 4); k > 0; k--) {
      const at = ts(Math.min(T, first + rng.int(30, 2_000)), workSec());
      await riskT.push(
        rng.uuid(),
        prod.id,
        org.id,
        rng.pick(RISK_TITLES),
        "Identifié en comité produit.",
        rng.pick(LEVELS),
        rng.pick(LEVELS),
        "Plan d'action suivi chaque sprint.",
        "Responsable produit",
        rng.chance(0.4) ? "CLOSED" : "OPEN",
        (org.users[0] as User).id,
        at,
        at,
      );
    }
  }

  // ── Phase B: each order with its lines, staffing, reports, service fait, invoices ──
  const orderT = T_("PurchaseOrder", {
    id: "uuid",
    agreementId: "uuid",
    number: "text",
    status: '"OrderStatus"',
    correctsOrderId: "uuid",
    beneficiaryId: "uuid",
    productId: "uuid",
    contractorId: "uuid",
    startsOn: "date",
    endsOn: "date",
    chorusServiceCode: "text",
    billingAddress: "text",
    legalCommitmentNumber: "text",
    orderDate: "date",
    signatoryName: "text",
    issuedAt: "timestamptz",
    issuedById: "uuid",
    acknowledgedAt: "timestamptz",
    acknowledgedById: "uuid",
    cancelledAt: "timestamptz",
    cancellationReason: "text",
    closedAt: "timestamptz",
    vatRateBp: "int4",
    totalHtCents: "int8",
    vatCents: "int8",
    totalTtcCents: "int8",
    committedHtCents: "int8",
    observations: "text",
    createdById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    version: "int4",
  });
  const lineT = T_("OrderLine", {
    id: "uuid",
    orderId: "uuid",
    position: "int4",
    uoTypeId: "uuid",
    quantity: "numeric",
    correctsLineId: "uuid",
    deliverables: "text",
    unitPriceHtCents: "int4",
    priceScheduleVersionId: "uuid",
    amountHtCents: "int8",
    orderedDays: "numeric",
    consumedDays: "numeric",
    certifiedDays: "numeric",
  });
  const assignmentT = T_("Assignment", {
    id: "uuid",
    orderId: "uuid",
    orderLineId: "uuid",
    stafferId: "uuid",
    startsOn: "date",
    endsOn: "date",
    createdById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  const reportT = T_("ActivityReport", {
    id: "uuid",
    orderId: "uuid",
    month: "date",
    status: '"ActivityReportStatus"',
    activities: "text",
    submittedAt: "timestamptz",
    submittedById: "uuid",
    validatedAt: "timestamptz",
    validatedById: "uuid",
    rejectedAt: "timestamptz",
    rejectedById: "uuid",
    rejectionReason: "text",
    createdById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    version: "int4",
  });
  const entryT = T_(
    "ActivityEntry",
    {
      id: "uuid",
      reportId: "uuid",
      assignmentId: "uuid",
      orderLineId: "uuid",
      stafferId: "uuid",
      month: "date",
      days: "numeric",
    },
    10_000,
  );
  const sfT = T_("ServiceFait", {
    id: "uuid",
    orderId: "uuid",
    number: "text",
    periodStart: "date",
    periodEnd: "date",
    decision: '"ServiceFaitDecision"',
    computedHtCents: "int8",
    refactionHtCents: "int8",
    certifiedHtCents: "int8",
    vatCents: "int8",
    certifiedTtcCents: "int8",
    comment: "text",
    isFinal: "boolean",
    decidedOn: "date",
    issuedById: "uuid",
    signatoryName: "text",
    createdAt: "timestamptz",
  });
  const sfLineT = T_("ServiceFaitLine", {
    id: "uuid",
    serviceFaitId: "uuid",
    orderLineId: "uuid",
    days: "numeric",
    unitPriceHtCents: "int4",
    amountHtCents: "int8",
  });
  const sfReportT = T_("ServiceFaitReport", {
    serviceFaitId: "uuid",
    reportId: "uuid",
    certifying: "boolean",
  });
  const invoiceT = T_("Invoice", {
    id: "uuid",
    serviceFaitId: "uuid",
    contractorId: "uuid",
    number: "text",
    receivedOn: "date",
    amountHtCents: "int8",
    amountTtcCents: "int8",
    paidOn: "date",
    recordedById: "uuid",
    paymentRecordedById: "uuid",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    version: "int4",
  });
  const invoiceSeq = contractors.map(() => 0);
  let committedTotal = 0n;
  const currentMonth = monthOfDay(T);

  for (const h of headers) {
    const ben = beneficiaries[h.ben] as (typeof beneficiaries)[number];
    const con = contractors[h.contractor] as (typeof contractors)[number];
    const prod = products[h.product] as (typeof products)[number];
    const benUser = rng.pick(ben.users);
    const conUser = rng.pick(con.users);
    const benActor = { user: benUser, role: "BENEFICIARY" as const, org: ben };
    const conActor = { user: conUser, role: "CONTRACTOR" as const, org: con };
    const priced = h.orderDate !== null;
    const price = (uo: number) => priceOn(h.contractor, h.orderDate ?? h.created, uo);
    const runs = h.status === "IN_PROGRESS" || h.status === "COMPLETED" || h.status === "CLOSED";
    const staffed = runs || h.status === "ACKNOWLEDGED";

    // Lines, with their staffers' plans (half-days per month) → ordered days.
    const size = SIZE[h.size];
    const nLines = rng.int(size.lines[0], size.lines[1]);
    const firstM = monthOfDay(h.starts);
    const lastM = monthOfDay(h.ends);
    type Plan = { staffer: number; assignmentId: string; perMonth: number[] };
    type Line = {
      id: string;
      uo: number;
      orderedDays: number;
      originalDays: number;
      unit: number;
      versionId: string;
      plans: Plan[];
      written: number; // half-days in report rows, whatever the report's status
      consumed: number; // half-days validated
      certified: number; // half-days certified
    };
    const lines: Line[] = [];
    for (let i = 0; i < nLines; i++) {
      const uo = STAFFED_UO[rng.weighted(UO_WEIGHTS)] as number;
      const k = 1 + rng.weighted(size.staffers as unknown as number[]);
      const plans: Plan[] = [];
      let planned = 0;
      for (let j = 0; j < k; j++) {
        const pool = (pools[h.contractor] as number[][])[uo] as number[];
        const f = FRACTIONS[rng.weighted(FRACTION_WEIGHTS)] as number;
        const perMonth: number[] = [];
        for (let m = firstM; m <= lastM; m++) {
          const wd = cal.workingDays(
            Math.max(h.starts, firstDayOfMonth(m)),
            Math.min(h.ends, lastDayOfMonth(m)),
          );
          const hd = Math.round(f * wd * 2);
          perMonth.push(hd);
          planned += hd;
        }
        // Someone with room in the first month, if one of a few tries finds them.
        let staffer = rng.pick(pool);
        for (let t = 0; t < 6; t++) {
          const mi = firstM - M0;
          if (
            (booked[staffer * monthCount + mi] as number) + (perMonth[0] as number) <=
            2 * cal.monthWorkingDays(firstM)
          )
            break;
          staffer = rng.pick(pool);
        }
        plans.push({ staffer, assignmentId: rng.uuid(), perMonth });
      }
      let orderedDays = Math.max(1, Math.ceil((planned / 2) * (1 + rng.next() * 0.15)));
      orderedDays = Math.min(orderedDays, 2_000); // 100 UO, the largest line the form accepts
      const { unit, versionId } = price(uo);
      lines.push({
        id: rng.uuid(),
        uo,
        orderedDays,
        originalDays: orderedDays,
        unit,
        versionId,
        plans,
        written: 0,
        consumed: 0,
        certified: 0,
      });
    }
    // The corrective order adds days to one line: the original ordered fewer.
    const corr = h.correction;
    const corrLine = corr ? (lines[rng.int(0, lines.length - 1)] as Line) : null;
    let corrDays = 0;
    if (corrLine && corrLine.orderedDays >= 2) {
      corrDays = Math.max(1, Math.round(corrLine.orderedDays * (0.1 + rng.next() * 0.2)));
      corrLine.originalDays = corrLine.orderedDays - corrDays;
    }

    // Monthly reports and their rows.
    type Report = {
      id: string;
      month: Month;
      status: "DRAFT" | "SUBMITTED" | "VALIDATED" | "REJECTED";
      validatedDay: Day | null;
      perLine: number[]; // half-days per line (validated reports only matter)
    };
    const reports: Report[] = [];
    if (runs) {
      const lastReportM = Math.min(lastM, currentMonth);
      for (let m = firstM; m <= lastReportM; m++) {
        const monthEnd = lastDayOfMonth(m);
        let status: Report["status"];
        let submitted: Day | null = lastDayOfMonth(m) + rng.int(1, 6);
        let validated: Day | null = submitted + rng.int(1, 25);
        let rejected: Day | null = null;
        if (h.status !== "IN_PROGRESS") {
          status = "VALIDATED";
          submitted = monthEnd + rng.int(1, 5);
          validated = submitted + rng.int(1, 10);
        } else if (m === currentMonth) {
          if (!rng.chance(0.5)) continue;
          status = "DRAFT";
          submitted = null;
          validated = null;
        } else if (submitted > T) {
          status = "DRAFT";
          submitted = null;
          validated = null;
        } else if (validated > T) {
          rejected = submitted + rng.int(1, 4);
          if (rng.chance(0.12) && rejected <= T) status = "REJECTED";
          else {
            status = "SUBMITTED";
            rejected = null;
          }
          validated = null;
        } else status = "VALIDATED";
        const r: Report = {
          id: rng.uuid(),
          month: m,
          status,
          validatedDay: validated,
          perLine: lines.map(() => 0),
        };
        const createdDay = Math.min(T, Math.max(h.starts, monthEnd - rng.int(0, 3)));
        const updatedDay = validated ?? rejected ?? submitted ?? createdDay;
        await reportT.push(
          r.id,
          h.id,
          monthIso(m),
          status,
          rng.pick(ACTIVITIES),
          submitted === null ? null : ts(submitted, workSec()),
          submitted === null ? null : conUser.id,
          validated === null ? null : ts(validated, workSec()),
          validated === null ? null : benUser.id,
          rejected === null ? null : ts(rejected, workSec()),
          rejected === null ? null : benUser.id,
          rejected === null ? null : "Jours à corriger : un intervenant était absent la deuxième semaine.",
          conUser.id,
          ts(createdDay, workSec()),
          ts(updatedDay, workSec()),
          1 + (submitted ? 1 : 0) + (validated || rejected ? 1 : 0),
        );
        if (submitted !== null) {
          await auditEvent(
            ts(submitted, workSec()),
            conActor,
            "activityReport.submit",
            "ActivityReport",
            r.id,
            { status: "DRAFT" },
            { status: "SUBMITTED" },
          );
        }
        if (validated !== null || rejected !== null) {
          await auditEvent(
            ts((validated ?? rejected) as Day, workSec()),
            benActor,
            validated !== null ? "activityReport.validate" : "activityReport.reject",
            "ActivityReport",
            r.id,
            { status: "SUBMITTED" },
            { status },
          );
        }
        // Rows: each staffer's planned days, within their month's room and the line's order.
        const mi = m - M0;
        const cap = 2 * cal.monthWorkingDays(m);
        // The current month is reported up to today only.
        const upTo = m === currentMonth ? T : lastDayOfMonth(m);
        const partial =
          m === currentMonth
            ? cal.workingDays(Math.max(h.starts, firstDayOfMonth(m)), Math.min(h.ends, upTo)) /
              Math.max(
                1,
                cal.workingDays(Math.max(h.starts, firstDayOfMonth(m)), Math.min(h.ends, lastDayOfMonth(m))),
              )
            : 1;
        for (const [li, line] of lines.entries()) {
          for (const plan of line.plans) {
            const slot = plan.staffer * monthCount + mi;
            // Within the staffer's month (every order they work on) and the line's ordered days
            // (rows of every report count, so validated ones can never exceed them).
            const hd = Math.min(
              Math.round((plan.perMonth[m - firstM] as number) * partial),
              cap - (booked[slot] as number),
              2 * line.orderedDays - line.written,
            );
            if (hd <= 0) continue;
            booked[slot] = (booked[slot] as number) + hd;
            r.perLine[li] = (r.perLine[li] as number) + hd;
            line.written += hd;
            await entryT.push(
              rng.uuid(),
              r.id,
              plan.assignmentId,
              line.id,
              (staffers[plan.staffer] as { id: string }).id,
              monthIso(m),
              half(hd),
            );
          }
          if (status === "VALIDATED") line.consumed += r.perLine[li] as number;
        }
        reports.push(r);
      }
    }

    // Service fait: validated reports grouped by calendar quarter, certified in order.
    type Sf = { id: string; decided: Day; certifying: boolean; final: boolean };
    const sfs: Sf[] = [];
    if (runs) {
      const groups: Report[][] = [];
      for (const r of reports) {
        const q = Math.floor(r.month / 3);
        const g = groups[groups.length - 1];
        if (g && Math.floor((g[0] as Report).month / 3) === q) g.push(r);
        else groups.push([r]);
      }
      const finished = h.status !== "IN_PROGRESS";
      for (const [gi, g] of groups.entries()) {
        const isLast = gi === groups.length - 1;
        if (!g.every((r) => r.status === "VALIDATED")) break;
        const qLastMonth = Math.floor((g[0] as Report).month / 3) * 3 + 2;
        const coversQuarter = Math.min(qLastMonth, lastM) === (g[g.length - 1] as Report).month;
        if (!finished && (!coversQuarter || lastDayOfMonth(qLastMonth) >= T)) break;
        const lastValidated = Math.max(...g.map((r) => r.validatedDay as Day));
        let decided = lastValidated + rng.int(3, 20);
        if (finished) decided = isLast ? (h.finalSfDay as Day) : Math.min(decided, (h.finalSfDay as Day) - 1);
        if (decided > T) break;
        const perLine = lines.map((_, li) => g.reduce((a, r) => a + (r.perLine[li] as number), 0));
        const computed = lines.reduce((a, l, li) => a + amountOfHalfDays(l.unit, perLine[li] as number), 0n);
        const draw = rng.next();
        const adjourned = !isLast && draw < 0.02 && decided + 20 <= T && computed > 0n;
        const refaction = draw >= 0.02 && draw < 0.06 && computed > 1n;
        const periodStart = firstDayOfMonth((g[0] as Report).month);
        const periodEnd = lastDayOfMonth((g[g.length - 1] as Report).month);
        const decisions: Array<{ decision: string; day: Day }> = adjourned
          ? [
              { decision: "AJOURNEMENT", day: decided },
              { decision: "ADMISSION", day: decided + rng.int(5, 20) },
            ]
          : [{ decision: refaction ? "REFACTION" : "ADMISSION", day: decided }];
        for (const d of decisions) {
          const certifying = d.decision !== "AJOURNEMENT";
          const refactionCents = d.decision === "REFACTION" ? computed / 20n + 1n : 0n;
          const certified = certifying ? computed - refactionCents : 0n;
          const vat = vatOf(certified, 2000);
          const sf: Sf = { id: rng.uuid(), decided: d.day, certifying, final: finished && isLast };
          sfs.push(sf);
          const at = ts(d.day, workSec());
          await sfT.push(
            sf.id,
            h.id,
            `TMP-${sf.id}`,
            cal.iso(periodStart),
            cal.iso(periodEnd),
            d.decision,
            computed,
            refactionCents,
            certified,
            vat,
            certified + vat,
            d.decision === "AJOURNEMENT" ? "Livrables incomplets : documentation à fournir." : "",
            sf.final,
            cal.iso(d.day),
            benUser.id,
            benUser.name,
            at,
          );
          for (const [li, l] of lines.entries()) {
            const hd = perLine[li] as number;
            if (hd === 0) continue;
            await sfLineT.push(rng.uuid(), sf.id, l.id, half(hd), l.unit, amountOfHalfDays(l.unit, hd));
            if (certifying) l.certified += hd;
          }
          for (const r of g) await sfReportT.push(sf.id, r.id, certifying);
          await auditEvent(at, benActor, "serviceFait.issue", "ServiceFait", sf.id, null, {
            orderId: h.id,
            decision: d.decision,
            certifiedHtCents: certified.toString(),
          });
          if (certifying && certified > 0n) {
            const received = d.day + rng.int(3, 30);
            if (received <= T) {
              const paid = received + rng.int(10, 50);
              const seq = ++(invoiceSeq[h.contractor] as number);
              const invoiceId = rng.uuid();
              const recAt = ts(received, workSec());
              await invoiceT.push(
                invoiceId,
                sf.id,
                con.id,
                `${con.acronym}-${yearOfDay(received)}-${String(seq).padStart(6, "0")}`,
                cal.iso(received),
                certified,
                certified + vat,
                paid <= T ? cal.iso(paid) : null,
                conUser.id,
                paid <= T ? benUser.id : null,
                recAt,
                paid <= T ? ts(paid, workSec()) : recAt,
                paid <= T ? 2 : 1,
              );
              await auditEvent(recAt, conActor, "invoice.record", "Invoice", invoiceId, null, {
                serviceFaitId: sf.id,
                amountHtCents: certified.toString(),
              });
              if (paid <= T) {
                await auditEvent(ts(paid, workSec()), benActor, "invoice.pay", "Invoice", invoiceId, null, {
                  paidOn: cal.iso(paid),
                });
              }
            }
          }
        }
      }
    }

    // The order row and its lines, now that consumption is known.
    const amounts = lines.map((l) => (priced ? amountOfDays(l.unit, l.originalDays) : 0n));
    const totalHt = amounts.reduce((a, b) => a + b, 0n);
    const vat = priced ? vatOf(totalHt, 2000) : 0n;
    const corrAmount =
      corrLine && corrDays > 0
        ? amountOfDays(corrLine.unit, corrLine.orderedDays) -
          amountOfDays(corrLine.unit, corrLine.originalDays)
        : 0n;
    let committed = 0n;
    if (h.status === "CLOSED") {
      committed = lines.reduce((a, l) => a + amountOfHalfDays(l.unit, l.consumed), 0n);
    } else if (h.status !== "DRAFT" && h.status !== "CANCELLED") committed = totalHt + corrAmount;
    committedTotal += committed;
    const issuedAt = h.orderDate !== null ? ts(h.orderDate, h.issuedSec) : null;
    const ackAt = h.ackDay !== null ? ts(h.ackDay, workSec()) : null;
    const createdAt = ts(h.created, h.createdSec);
    const lastEvent = [h.closeDay, h.finalSfDay, h.ackDay, h.cancelledDay, h.orderDate, h.created].find(
      (d) => d !== null,
    ) as Day;
    await orderT.push(
      h.id,
      agreementId,
      h.number,
      h.status,
      null,
      ben.id,
      prod.id,
      con.id,
      cal.iso(h.starts),
      cal.iso(h.ends),
      ben.chorus,
      ben.billing,
      priced ? String(1_000_000_000 + rng.int(0, 899_999_999)) : null,
      priced ? cal.iso(h.orderDate as Day) : null,
      priced ? benUser.name : null,
      issuedAt,
      priced ? benUser.id : null,
      ackAt,
      h.ackDay !== null ? conUser.id : null,
      h.cancelledDay !== null ? ts(h.cancelledDay, workSec()) : null,
      h.cancelledDay !== null ? "Besoin couvert par un autre marché." : null,
      h.closeDay !== null ? ts(h.closeDay, workSec()) : null,
      2000,
      totalHt,
      vat,
      totalHt + vat,
      committed,
      rng.chance(0.1) && h.ackDay !== null ? "Équipe constituée, démarrage confirmé." : "",
      benUser.id,
      createdAt,
      ts(lastEvent, 18 * 3600),
      1 + [h.orderDate, h.ackDay, h.finalSfDay, h.closeDay, h.cancelledDay].filter((d) => d !== null).length,
    );
    for (const [i, l] of lines.entries()) {
      await lineT.push(
        l.id,
        h.id,
        i + 1,
        uoIds[l.uo] as string,
        quantityOf(l.originalDays),
        null,
        rng.pick(DELIVERABLES),
        priced ? l.unit : null,
        priced ? l.versionId : null,
        priced ? (amounts[i] as bigint) : null,
        priced ? String(l.orderedDays) : "0",
        half(l.consumed),
        half(l.certified),
      );
      if (staffed && (runs || rng.chance(0.5))) {
        for (const plan of l.plans) {
          const at = ts(Math.min(T, (h.ackDay as Day) + rng.int(0, 5)), workSec());
          await assignmentT.push(
            plan.assignmentId,
            h.id,
            l.id,
            (staffers[plan.staffer] as { id: string }).id,
            cal.iso(h.starts),
            cal.iso(h.ends),
            conUser.id,
            at,
            at,
          );
          await auditEvent(at, conActor, "assignment.create", "Assignment", plan.assignmentId, null, {
            orderLineId: l.id,
          });
        }
      }
    }
    // The order's history.
    await auditEvent(createdAt, benActor, "order.create", "PurchaseOrder", h.id, null, {
      productId: prod.id,
      contractorId: con.id,
      lines: lines.length,
    });
    if (issuedAt) {
      await auditEvent(
        issuedAt,
        benActor,
        "order.issue",
        "PurchaseOrder",
        h.id,
        { status: "DRAFT" },
        { status: "ISSUED", number: h.number, totalHtCents: totalHt.toString() },
      );
    }
    if (ackAt) {
      await auditEvent(
        ackAt,
        conActor,
        "order.acknowledge",
        "PurchaseOrder",
        h.id,
        { status: "ISSUED" },
        { status: "ACKNOWLEDGED" },
      );
    }
    if (runs) {
      await auditEvent(
        ts(Math.max(h.starts, h.ackDay as Day), 3 * 3600),
        null,
        "order.start",
        "PurchaseOrder",
        h.id,
        { status: "ACKNOWLEDGED" },
        { status: "IN_PROGRESS", cause: "start-date" },
      );
    }
    if (h.finalSfDay !== null) {
      await auditEvent(
        ts(h.finalSfDay, 18 * 3600),
        null,
        "order.complete",
        "PurchaseOrder",
        h.id,
        { status: "IN_PROGRESS" },
        { status: "COMPLETED", cause: "period-ended-final-service-fait" },
      );
    }
    if (h.closeDay !== null) {
      await auditEvent(
        ts(h.closeDay, workSec()),
        benActor,
        "order.close",
        "PurchaseOrder",
        h.id,
        { status: "COMPLETED" },
        { status: "CLOSED", committedHtCents: committed.toString() },
      );
    }
    if (h.cancelledDay !== null) {
      await auditEvent(
        ts(h.cancelledDay, workSec()),
        benActor,
        "order.cancel",
        "PurchaseOrder",
        h.id,
        { status: h.orderDate !== null ? "ISSUED" : "DRAFT" },
        { status: "CANCELLED" },
      );
    }

    // The corrective order: its own act, one signed line, committing nothing itself.
    if (corr && corrLine && corrDays > 0) {
      const cVat = vatOf(corrAmount, 2000);
      const cIssued = ts(corr.orderDate, corr.issuedSec);
      const cAck = corr.ackDay !== null ? ts(corr.ackDay, workSec()) : null;
      await orderT.push(
        corr.id,
        agreementId,
        corr.number,
        cAck ? "ACKNOWLEDGED" : "ISSUED",
        h.id,
        ben.id,
        prod.id,
        con.id,
        cal.iso(h.starts),
        cal.iso(h.ends),
        ben.chorus,
        ben.billing,
        String(1_000_000_000 + rng.int(0, 899_999_999)),
        cal.iso(corr.orderDate),
        benUser.name,
        cIssued,
        benUser.id,
        cAck,
        cAck ? conUser.id : null,
        null,
        null,
        null,
        2000,
        corrAmount,
        cVat,
        corrAmount + cVat,
        0n,
        "",
        benUser.id,
        ts(corr.createdDay, workSec()),
        cAck ?? cIssued,
        cAck ? 3 : 2,
      );
      await lineT.push(
        rng.uuid(),
        corr.id,
        1,
        uoIds[corrLine.uo] as string,
        quantityOf(corrDays),
        corrLine.id,
        "",
        corrLine.unit,
        null,
        corrAmount,
        "0",
        "0",
        "0",
      );
      await auditEvent(
        cIssued,
        benActor,
        "order.issue",
        "PurchaseOrder",
        corr.id,
        { status: "DRAFT" },
        {
          status: "ISSUED",
          number: corr.number,
          correctsOrderId: h.id,
          totalHtCents: corrAmount.toString(),
        },
      );
      await auditEvent(cIssued, benActor, "order.corrected", "PurchaseOrder", h.id, null, {
        correctiveOrderId: corr.id,
        number: corr.number,
      });
    }
  }

  await loader.flushAll();

  // ── Numbers of service-fait records (gapless per year, in decision order), counters ──
  log("Numérotation des services faits et compteurs…");
  await client.exec(
    `UPDATE "ServiceFait" s SET "number" = 'SF-' || n.y || '-' || CASE WHEN n.k < 10000 THEN lpad(n.k::text, 4, '0') ELSE n.k::text END
       FROM (SELECT "id", extract(year FROM "decidedOn")::int AS y,
                    row_number() OVER (PARTITION BY extract(year FROM "decidedOn") ORDER BY "decidedOn", "createdAt", "id") AS k
               FROM "ServiceFait") n
      WHERE s."id" = n."id"`,
    [],
  );
  log(`Reconstruction de ${indexes.length} index…`);
  await client.exec("SET LOCAL maintenance_work_mem = '256MB'", []);
  for (const ix of indexes) await client.exec(ix.def, []);
  await client.exec(
    `INSERT INTO "ServiceFaitNumberCounter" ("agreementId", "year", "last")
     SELECT $1::uuid, extract(year FROM "decidedOn")::int, count(*) FROM "ServiceFait" GROUP BY 2`,
    [agreementId],
  );
  for (const [year, last] of counters) {
    await client.exec(
      `INSERT INTO "OrderNumberCounter" ("agreementId", "year", "last") VALUES ($1::uuid, $2, $3)`,
      [agreementId, year, last],
    );
  }
  // The ceiling: what is committed, plus about 2 % headroom (a nearly consumed agreement).
  const max = ((committedTotal * 102n) / 100n / 100_000_000n + 1n) * 100_000_000n;
  await client.exec(
    `UPDATE "FrameworkAgreement" SET "committedHtCents" = $2::bigint, "maxAmountHtCents" = $3::bigint WHERE "id" = $1::uuid`,
    [agreementId, committedTotal.toString(), max.toString()],
  );
  await client.exec(
    `INSERT INTO "AgreementSetting" ("agreementId", "forecastThresholdBp", "updatedAt") VALUES ($1::uuid, 8000, $2::timestamptz)`,
    [agreementId, setupAt],
  );

  // The dashboard's summary (migration 20261125230000_dashboard_summary): its triggers are off
  // during the load, so it is built here in one set-based pass, as the migration does.
  log("Récapitulatif du pilotage…");
  await client.exec("SELECT dashboard_rebuild()", []);

  const counts = loader.counts();
  counts.FrameworkAgreement = 1;
  counts.UoType = UO.length;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const seconds = (performance.now() - t0) / 1000;
  return {
    scale,
    seed,
    today: todayIso,
    counts,
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
  };
}
