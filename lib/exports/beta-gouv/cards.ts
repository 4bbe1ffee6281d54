// The member and product cards of the beta.gouv.fr site, built from the portal's staffing and
// products, zipped in the site repository's layout:
//   content/_authors/<username>.md  (schema/authors.yml of the site)
//   content/_startups/<id>.md       (schema/startups.yml of the site)
// plus a README.md in French saying where each field comes from and what a person must check.
//
// Format followed (keys, order, date style), from real cards of betagouv/beta.gouv.fr:
//   content/_authors/alexandra.le-borgne.md @ 024e73faa7bc2b0aa64dcf12e9e27f3bada8c2dd
//     fullname, role, domaine, missions: [{start, end, status, employer, startups: [...]}]
//     with bare YAML dates (2021-04-23), which the site (Ruby, YAML 1.1) reads as dates;
//   content/_startups/aidantsconnect.md @ 0aa09fcca4c3cb1a9c7c7dd0871c0040d04b15ec and
//   content/_startups/a-just.md @ 010a69f92a069a1b59a0c141ee95ef808d697b88
//     title, mission, sponsors: [/organisations/<slug>], incubator, phases: [{name, start,
//     end, comment}], stats, stats_url, contact.
// `employer` on real cards is the company's plain name ("NUMA", "DINUM", "Octo"); no card uses
// a "prestataire/<company>" form, so none is invented here. Mission status is the site's enum:
// "service" (employee of a service company: the contractor or its subcontractor),
// "independent" (freelance working through the contractor), "admin" (public agent: never a
// contractor's staffer).
//
// YAML is written by js-yaml with its DUMP_SCHEMA, which quotes every string a YAML 1.1 or 1.2
// reader could take for something else ("no", "2026-01-01", "~", "- a"…); multi-line text
// becomes an indented block, so nothing a person typed can end the front matter ("---") or
// add a key. Only dates are written bare, through the calendar-date tag below.

import { strToU8, zipSync } from "fflate";
import { DUMP_SCHEMA, defineScalarTag, dump, NOT_RESOLVED } from "js-yaml";
import { BETA_SPONSOR_SLUGS } from "./sponsors";

export type StafferStatusName = "EMPLOYEE" | "INDEPENDENT" | "SUBCONTRACTOR";
export type UoFamilyName = "DEVOPS" | "DESIGN" | "BIZDEV" | "PRODUCT_MANAGEMENT" | "REVERSIBILITE";
export type PhaseName =
  | "INVESTIGATION"
  | "CONSTRUCTION"
  | "ACCELERATION"
  | "CONSOLIDATION"
  | "TRANSFERT"
  | "OPERE"
  | "ABANDON";

export type ProductRef = { id: string; name: string; betaGouvId: string | null };

export type MemberSource = {
  fullName: string;
  betaUsername: string | null;
  status: StafferStatusName;
  subcontractorName: string | null;
  contractorName: string;
  /** The UO type the person is staffed as ("Devops – Confirmé"). */
  uoLabel: string;
  uoFamily: UoFamilyName;
  /** Assignments, as "YYYY-MM-DD" periods on the order's product. */
  missions: Array<{ startsOn: string; endsOn: string; product: ProductRef }>;
};

export type ProductSource = ProductRef & {
  incubator: string | null;
  statsUrl: string | null;
  description: string;
  beneficiaryName: string;
  beneficiaryAcronym: string | null;
  /** E-mail of the beneficiary's correspondent, the card's required contact. */
  contactEmail: string | null;
  phases: Array<{ phase: PhaseName; startsOn: string; endsOn: string | null; comment: string }>;
};

export type CardsInput = {
  /** Who downloads, for the README ("Coopérative Numérique Ouverte (titulaire)"). */
  preparedFor: string;
  /** "YYYY-MM-DD", Paris. */
  today: string;
  members: MemberSource[];
  products: ProductSource[];
  /** Staffers in scope with no assignment in scope: no card (the site requires a mission). */
  membersWithoutMission: string[];
};

/** Domaine of the site's enum, from the UO family the person is staffed in. */
export const DOMAINE_BY_FAMILY: Record<UoFamilyName, string> = {
  DEVOPS: "Développement",
  DESIGN: "Design",
  BIZDEV: "Déploiement",
  PRODUCT_MANAGEMENT: "Produit",
  REVERSIBILITE: "Autre",
};

/**
 * Phase names as the site's content uses them today (its schema's enum still lists the older
 * success/transfer/alumni; the content moved to these).
 */
export const BETA_PHASE: Record<PhaseName, string> = {
  INVESTIGATION: "investigation",
  CONSTRUCTION: "construction",
  ACCELERATION: "acceleration",
  CONSOLIDATION: "consolidation",
  TRANSFERT: "transfere",
  OPERE: "opere",
  ABANDON: "abandon",
};

export const MISSION_STATUS: Record<StafferStatusName, "service" | "independent"> = {
  EMPLOYEE: "service",
  INDEPENDENT: "independent",
  SUBCONTRACTOR: "service",
};

/** A calendar date written as a bare YAML date (2026-11-24), as on the site's cards. */
export class CardDate {
  constructor(readonly iso: string) {}
}

const cardDateTag = defineScalarTag<CardDate>("tag:yaml.org,2002:timestamp", {
  implicit: true,
  implicitFirstChars: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  // Reading: a bare date is a date, so a string that looks like one is quoted when written.
  resolve: (source) => (/^\d{4}-\d{2}-\d{2}$/.test(source) ? new CardDate(source) : NOT_RESOLVED),
  identify: (data) => data instanceof CardDate,
  represent: (data: CardDate) => data.iso,
});

const CARD_SCHEMA = DUMP_SCHEMA.withTags(cardDateTag);

/** A Markdown card: YAML front matter between "---" lines, then an optional body. */
export function frontMatter(data: Record<string, unknown>, body = ""): string {
  return `---\n${dump(data, { schema: CARD_SCHEMA, noRefs: true })}---\n${body}`;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** An identifier usable as a file name in the repository (no path, no "..", no hidden file). */
export function isSafeCardId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes("..");
}

function asciiWord(s: string): string {
  return s
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "Oe")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "Ae")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "Élodie de la Tour" → "elodie.de-la-tour": the site's "prenom.nom", lower-case ASCII. */
export function deriveUsername(fullName: string): string {
  const words = fullName.trim().split(/\s+/).map(asciiWord).filter(Boolean);
  if (words.length === 0) return "intervenant";
  if (words.length === 1) return words[0] as string;
  return `${words[0]}.${words.slice(1).join("-")}`;
}

/** "Mon espace permis" → "mon-espace-permis". */
export function deriveProductId(name: string): string {
  return asciiWord(name) || "produit";
}

/** Unique names: the second "x" becomes "x-2", and so on. */
function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Markdown text that renders as typed (names in the README). */
function md(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/([\\`*_[\]<>])/g, "\\$1");
}

type Notes = {
  derivedUsernames: string[];
  derivedProductIds: string[];
  products: string[];
};

/** Card identifiers of every product: its beta.gouv.fr id when set and usable, else derived. */
function productIds(refs: ProductRef[], notes: Notes): Map<string, string> {
  const byId = new Map<string, ProductRef>();
  for (const r of refs) byId.set(r.id, r);
  const ordered = [...byId.values()].sort(
    (a, b) =>
      Number(!a.betaGouvId) - Number(!b.betaGouvId) ||
      a.name.localeCompare(b.name, "fr") ||
      a.id.localeCompare(b.id),
  );
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const r of ordered) {
    if (r.betaGouvId && isSafeCardId(r.betaGouvId) && !taken.has(r.betaGouvId.toLowerCase())) {
      taken.add(r.betaGouvId.toLowerCase());
      ids.set(r.id, r.betaGouvId);
      continue;
    }
    const id = uniqueName(deriveProductId(r.name), taken);
    ids.set(r.id, id);
    notes.derivedProductIds.push(
      r.betaGouvId
        ? `${md(r.name)} → \`${id}\` (l'identifiant beta.gouv.fr saisi n'est pas utilisable comme nom de fichier)`
        : `${md(r.name)} → \`${id}\` (aucun identifiant beta.gouv.fr renseigné dans le portail)`,
    );
  }
  return ids;
}

function memberCard(m: MemberSource, ids: Map<string, string>): string {
  const employer =
    m.status === "SUBCONTRACTOR" && m.subcontractorName ? m.subcontractorName : m.contractorName;
  const status = MISSION_STATUS[m.status];
  // One mission per period; two orders over the same period share it.
  const byPeriod = new Map<string, { start: string; end: string; startups: string[] }>();
  const sorted = [...m.missions].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn),
  );
  for (const a of sorted) {
    const key = `${a.startsOn}/${a.endsOn}`;
    const mission = byPeriod.get(key) ?? { start: a.startsOn, end: a.endsOn, startups: [] };
    const id = ids.get(a.product.id) as string;
    if (!mission.startups.includes(id)) mission.startups.push(id);
    byPeriod.set(key, mission);
  }
  return frontMatter({
    fullname: m.fullName,
    role: m.uoLabel,
    domaine: DOMAINE_BY_FAMILY[m.uoFamily],
    missions: [...byPeriod.values()].map((x) => ({
      start: new CardDate(x.start),
      end: new CardDate(x.end),
      status,
      employer,
      startups: x.startups,
    })),
  });
}

function productCard(p: ProductSource, id: string, notes: Notes): string | null {
  const problems: string[] = [];
  const phases = [...p.phases].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (phases.length === 0) {
    notes.products.push(
      `${md(p.name)} : aucune phase déclarée dans le portail, pas de fiche (le site en exige une).`,
    );
    return null;
  }
  const sponsor = p.beneficiaryAcronym ? p.beneficiaryAcronym.trim().toLowerCase() : null;
  const sponsors = sponsor && BETA_SPONSOR_SLUGS.has(sponsor) ? [`/organisations/${sponsor}`] : [];
  if (sponsors.length === 0) {
    problems.push(
      `sponsor à choisir parmi les organisations du site pour « ${md(p.beneficiaryName)} » (aucune ne correspond au sigle du bénéficiaire)`,
    );
  }
  const incubator = p.incubator?.trim() ?? "";
  if (!incubator) problems.push("incubateur à renseigner (obligatoire)");
  else if (!/^[a-z0-9-]+$/.test(incubator)) {
    problems.push(
      `incubateur : remplacez « ${md(incubator)} » par l'identifiant de l'incubateur sur le site (content/_incubators)`,
    );
  }
  const mission = p.description.trim();
  if (!mission) problems.push("mission à rédiger (la description du produit est vide dans le portail)");
  if (!p.contactEmail) problems.push("contact à renseigner (aucun correspondant actif du bénéficiaire)");
  if (problems.length > 0) notes.products.push(`${md(p.name)} (\`${id}.md\`) : ${problems.join(" ; ")}.`);
  const data: Record<string, unknown> = { title: p.name, mission };
  if (sponsors.length > 0) data.sponsors = sponsors;
  if (incubator) data.incubator = incubator;
  data.phases = phases.map((ph, i) => {
    const name =
      ph.phase === "ABANDON" && phases[i - 1]?.phase === "INVESTIGATION"
        ? "abandon-investigation"
        : BETA_PHASE[ph.phase];
    const phase: Record<string, unknown> = { name, start: new CardDate(ph.startsOn) };
    if (ph.endsOn) phase.end = new CardDate(ph.endsOn);
    if (ph.comment.trim()) phase.comment = ph.comment.trim();
    return phase;
  });
  if (p.statsUrl) {
    data.stats = true;
    data.stats_url = p.statsUrl;
  }
  if (p.contactEmail) data.contact = p.contactEmail;
  return frontMatter(data);
}

function readme(
  input: CardsInput,
  counts: { members: number; products: number },
  notes: Notes,
  usernames: string[],
) {
  const [y, m, d] = input.today.split("-");
  const lines = [
    "# Fiches beta.gouv.fr",
    "",
    `Préparées le ${d}/${m}/${y} par le portail Commandes beta.gouv pour ${md(input.preparedFor)}.`,
    "",
    "Ce fichier contient, rangées comme dans le dépôt du site beta.gouv.fr",
    "(https://github.com/betagouv/beta.gouv.fr) :",
    "",
    `- \`content/_authors/\` : ${counts.members} fiche(s) membre, une par intervenant, avec ses missions ;`,
    `- \`content/_startups/\` : ${counts.products} fiche(s) produit, avec leurs phases.`,
    "",
    "Pour les publier : copiez le dossier `content` à la racine d'une copie du dépôt, relisez",
    "les fiches (en particulier les points ci-dessous), puis proposez la modification (pull",
    "request). Une fiche qui existe déjà sur le site est remplacée : reportez-y ce qui ne vient",
    "pas du portail (compte GitHub, photo, compétences, texte de présentation…).",
    "",
    "## D'où viennent les informations",
    "",
    "- `fullname`, `role` (profil d'unité d'œuvre) et `domaine` : la fiche de l'intervenant ;",
    "- `missions` : une par période d'affectation à un bon de commande ; `status` vaut",
    "  « service » pour un salarié du titulaire ou d'un sous-traitant, « independent » pour un",
    "  indépendant ; `employer` est le titulaire (ou le sous-traitant) ; `startups` liste les",
    "  produits des bons de commande de la période ;",
    "- fiches produit : nom (`title`), description (`mission`), bénéficiaire (`sponsors`),",
    "  incubateur, phases, page de statistiques (`stats_url`) ; `contact` est l'adresse du",
    "  correspondant du bénéficiaire : remplacez-la par celle de l'équipe si elle en a une.",
    "",
    "## À vérifier avant publication",
    "",
  ];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`### ${title}`, "", ...items.map((i) => `- ${i}`), "");
  };
  section("Identifiants de membres déduits du nom (prenom.nom)", notes.derivedUsernames);
  section("Identifiants de produits déduits du nom", notes.derivedProductIds);
  section("Fiches produit à compléter", notes.products);
  section(
    "Intervenants sans fiche",
    input.membersWithoutMission.map(
      (n) => `${md(n)} : aucune affectation, pas de fiche (le site exige une mission).`,
    ),
  );
  if (
    notes.derivedUsernames.length +
      notes.derivedProductIds.length +
      notes.products.length +
      input.membersWithoutMission.length ===
    0
  ) {
    lines.push("Rien à signaler.", "");
  }
  if (usernames.length > 0) {
    lines.push("## Fiches membre", "", ...usernames.map((u) => `- \`content/_authors/${u}.md\``), "");
  }
  return lines.join("\n");
}

/** Every card, by path in the repository, and the README. */
export function buildCards(input: CardsInput): Record<string, string> {
  const notes: Notes = { derivedUsernames: [], derivedProductIds: [], products: [] };
  const refs: ProductRef[] = [
    ...input.products,
    ...input.members.flatMap((m) => m.missions.map((a) => a.product)),
  ];
  const ids = productIds(refs, notes);
  const files: Record<string, string> = {};

  const taken = new Set<string>();
  const members = [...input.members].sort((a, b) => a.fullName.localeCompare(b.fullName, "fr"));
  // Usernames entered in the portal first, so a derived one never takes a real one's name.
  const withOwn = members.filter((m) => m.betaUsername && isSafeCardId(m.betaUsername));
  const usernames = new Map<MemberSource, string>();
  for (const m of withOwn) {
    const own = (m.betaUsername as string).toLowerCase();
    if (taken.has(own)) continue;
    taken.add(own);
    usernames.set(m, own);
  }
  for (const m of members) {
    if (usernames.has(m)) continue;
    const username = uniqueName(deriveUsername(m.fullName), taken);
    usernames.set(m, username);
    notes.derivedUsernames.push(
      m.betaUsername
        ? `${md(m.fullName)} → \`${username}\` (l'identifiant « ${md(m.betaUsername)} » saisi dans le portail n'est pas utilisable ou est déjà pris)`
        : `${md(m.fullName)} → \`${username}\` (aucun identifiant beta.gouv.fr renseigné dans le portail)`,
    );
  }
  const written: string[] = [];
  for (const m of members) {
    const username = usernames.get(m) as string;
    files[`content/_authors/${username}.md`] = memberCard(m, ids);
    written.push(username);
  }

  let productCount = 0;
  const products = [...input.products].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  for (const p of products) {
    const id = ids.get(p.id) as string;
    const card = productCard(p, id, notes);
    if (card === null) continue;
    files[`content/_startups/${id}.md`] = card;
    productCount++;
  }
  files["README.md"] = readme(input, { members: written.length, products: productCount }, notes, written);
  return files;
}

/** The zip of the cards, paths as in the site's repository. */
export function buildCardsZip(input: CardsInput, now: Date = new Date()): Uint8Array {
  const files = buildCards(input);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(files)) entries[path] = strToU8(content);
  return zipSync(entries, { level: 6, mtime: now });
}
