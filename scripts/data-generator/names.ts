// Names of the generated organisations, people and products: plausible, French, unique.
import type { Rng } from "./random";

const MINISTRIES = [
  "Ministère de l'Intérieur",
  "Ministère du Travail et des Solidarités",
  "Ministère de l'Éducation nationale",
  "Ministère de la Transition écologique",
  "Ministère de la Justice",
  "Ministère des Armées",
  "Ministère de l'Économie et des Finances",
  "Ministère de la Santé et de la Prévention",
  "Ministère de l'Agriculture et de la Souveraineté alimentaire",
  "Ministère de la Culture",
  "Ministère de l'Enseignement supérieur et de la Recherche",
  "Ministère de l'Europe et des Affaires étrangères",
  "Ministère des Sports",
  "Ministère de la Mer",
  "Ministère du Logement",
  "Ministère de la Fonction publique",
];
const BODIES = [
  "Agence nationale de la cohésion des territoires",
  "France Travail",
  "Caisse nationale des allocations familiales",
  "Caisse nationale de l'Assurance maladie",
  "Urssaf Caisse nationale",
  "Agence nationale de la sécurité des systèmes d'information",
  "Agence de l'environnement et de la maîtrise de l'énergie",
  "Office français de la biodiversité",
  "Agence nationale de l'habitat",
  "Centre national des œuvres universitaires et scolaires",
  "Institut national de la statistique et des études économiques",
  "Agence nationale des titres sécurisés",
  "Caisse des dépôts et consignations",
  "Agence de services et de paiement",
  "Établissement français du sang",
  "Haute Autorité de santé",
  "Agence du numérique en santé",
  "Météo-France",
  "Institut national de l'information géographique et forestière",
  "Agence nationale du sport",
  "Voies navigables de France",
  "Office national des forêts",
  "Centre national d'études spatiales",
  "Agence française de développement",
];
const REGIONS = [
  "Auvergne-Rhône-Alpes",
  "Bourgogne-Franche-Comté",
  "Bretagne",
  "Centre-Val de Loire",
  "Corse",
  "Grand Est",
  "Hauts-de-France",
  "Île-de-France",
  "Normandie",
  "Nouvelle-Aquitaine",
  "Occitanie",
  "Pays de la Loire",
  "Provence-Alpes-Côte d'Azur",
];
const REGIONAL_BODIES = ["Préfecture de la région", "Agence régionale de santé", "Région"];

/** `n` distinct beneficiary names (DINUM excluded), the big ministries first. */
export function beneficiaryNames(n: number): string[] {
  const names = [...MINISTRIES, ...BODIES];
  for (const body of REGIONAL_BODIES) for (const r of REGIONS) names.push(`${body} ${r}`);
  for (let i = 1; names.length < n; i++) names.push(`Établissement public numérique n° ${i}`);
  return names.slice(0, n);
}

export const CONTRACTORS = [
  { name: "Coopérative Numérique Ouverte", acronym: "CNO", domain: "cno.coop" },
  { name: "Atelier Produit", acronym: "AP", domain: "atelier-produit.fr" },
  { name: "Consortium Services Publics Agiles", acronym: "CSPA", domain: "cspa.fr" },
  { name: "Fabrique Numérique Associée", acronym: "FNA", domain: "fna.fr" },
];

const GIVEN = [
  "Camille",
  "Léa",
  "Manon",
  "Chloé",
  "Inès",
  "Sarah",
  "Julie",
  "Emma",
  "Clara",
  "Alice",
  "Zoé",
  "Louise",
  "Lucas",
  "Hugo",
  "Thomas",
  "Nicolas",
  "Maxime",
  "Antoine",
  "Julien",
  "Paul",
  "Louis",
  "Arthur",
  "Nathan",
  "Yanis",
  "Karim",
  "Fatou",
  "Mehdi",
  "Aïcha",
  "Sofia",
  "Noé",
];
const FAMILY = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Martinez",
  "Benali",
  "Nguyen",
  "Diallo",
  "Traoré",
  "Haddad",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Muller",
  "Henry",
  "Roussel",
];

export function personName(rng: Rng): { given: string; family: string } {
  return { given: rng.pick(GIVEN), family: rng.pick(FAMILY) };
}

/** "Léa Garcia" → "lea.garcia" (ASCII, lower-case). */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
}

const PRODUCT_HEADS = [
  "Mes Aides",
  "Démarches",
  "Signal",
  "Pass",
  "Carte",
  "Dossier",
  "Simulateur",
  "Annuaire",
  "API",
  "Mon Espace",
  "Diagnostic",
  "Tableau de bord",
  "Suivi",
  "Portail",
  "Guichet",
  "Observatoire",
  "Boussole",
  "Rendez-vous",
  "Plateforme",
  "Registre",
];
const PRODUCT_TOPICS = [
  "Emploi",
  "Santé",
  "Logement",
  "Transport",
  "École",
  "Énergie",
  "Sport",
  "Culture",
  "Eau",
  "Forêt",
  "Social",
  "Justice",
  "Agriculture",
  "Mer",
  "Vélo",
  "Formation",
  "Handicap",
  "Entreprises",
  "Territoires",
  "Jeunesse",
  "Climat",
  "Sécurité",
  "Numérique",
  "Biodiversité",
];
const PRODUCT_SUFFIXES = ["", " Pro", " Agents", " Citoyens", " Collectivités"];

/** `n` distinct product names, shuffled by `rng`. */
export function productNames(rng: Rng, n: number): string[] {
  const all: string[] = [];
  for (const suffix of PRODUCT_SUFFIXES)
    for (const head of PRODUCT_HEADS)
      for (const topic of PRODUCT_TOPICS) all.push(`${head} ${topic}${suffix}`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j] as string, all[i] as string];
  }
  for (let i = 1; all.length < n; i++) all.push(`Produit numérique n° ${i}`);
  return all.slice(0, n);
}
