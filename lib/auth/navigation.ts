// The main navigation of the signed-in area, by role. Pure data: no session, no I/O, so the
// header (client) and the "Mon espace" page (server) share it, and a unit test pins what
// each role sees. Showing a link is only a convenience: every page still checks the actor.
//
// To add a page: define its entry below, then add it to the lists of the roles that use it,
// in display order.
import type { RoleName } from "./permissions";

export type NavLink = {
  label: string;
  href: string;
  /** One sentence for the "Mon espace" page: what the person does there. */
  description?: string;
};

export type NavMenu = {
  label: string;
  links: readonly NavLink[];
};

export type NavEntry = NavLink | NavMenu;

const MY_SPACE: NavLink = { label: "Mon espace", href: "/espace" };

const ORDERS: NavLink = { label: "Commandes", href: "/commandes" };

const PRODUCTS: NavLink = { label: "Produits", href: "/produits" };

const PRICE_SCHEDULES: NavLink = { label: "Tarifs", href: "/tarifs" };

const REFERENCE_DATA: NavMenu = {
  label: "Référentiel",
  links: [
    {
      label: "Accord-cadre et unités d'œuvre",
      href: "/referentiel/accord-cadre",
      description: "Tenir à jour l'accord-cadre, son montant maximum et le catalogue des unités d'œuvre.",
    },
    {
      label: "Titulaires",
      href: "/referentiel/titulaires",
      description: "Gérer les entreprises titulaires de l'accord-cadre.",
    },
    {
      label: "Bénéficiaires",
      href: "/referentiel/beneficiaires",
      description: "Gérer les ministères et organismes qui peuvent passer commande.",
    },
    {
      label: "Personnes et habilitations",
      href: "/referentiel/personnes",
      description: "Ouvrir, modifier ou retirer les accès des correspondants.",
    },
  ],
};

const CONSOLIDATION: NavLink = {
  label: "Pilotage",
  href: "/pilotage",
  description:
    "Suivre l'engagé, le consommé, le certifié, le facturé et le payé face au montant maximum, la prévision et les rapports dus à la DINUM.",
};

const QUARTERLY_REPORT: NavLink = {
  label: "Rapport trimestriel",
  href: "/pilotage/rapports/trimestriel",
  description: "Consulter et télécharger le rapport trimestriel que votre société doit à la DINUM.",
};

const AUDIT_TRAIL: NavLink = {
  label: "Journal d'audit",
  href: "/journal",
  description: "Retrouver qui a fait quoi et quand, sur tous les dossiers.",
};

const NAVIGATION: Record<RoleName, readonly NavEntry[]> = {
  BENEFICIARY: [
    MY_SPACE,
    {
      ...ORDERS,
      description: "Préparer, signer et suivre les bons de commande de votre organisation.",
    },
    { ...PRODUCTS, description: "Déclarer et suivre les produits de votre organisation et leurs phases." },
    { ...PRICE_SCHEDULES, description: "Consulter les prix validés de chaque titulaire." },
  ],
  CONTRACTOR: [
    MY_SPACE,
    {
      ...ORDERS,
      description: "Consulter les bons de commande adressés à votre société et en accuser réception.",
    },
    {
      ...PRICE_SCHEDULES,
      description: "Proposer un nouveau bordereau de prix et suivre sa validation par la DINUM.",
    },
    { ...PRODUCTS, description: "Consulter les produits de l'accord-cadre." },
    QUARTERLY_REPORT,
  ],
  DINUM: [
    MY_SPACE,
    { ...ORDERS, description: "Consulter tous les bons de commande passés sur l'accord-cadre." },
    { ...PRODUCTS, description: "Consulter et gérer tous les produits et leurs phases." },
    {
      ...PRICE_SCHEDULES,
      description: "Valider ou refuser les bordereaux de prix proposés par les titulaires.",
    },
    CONSOLIDATION,
    REFERENCE_DATA,
    AUDIT_TRAIL,
  ],
};

/** The navigation entries of a role, in display order. */
export function navigationFor(role: RoleName): readonly NavEntry[] {
  return NAVIGATION[role];
}

export function isNavMenu(entry: NavEntry): entry is NavMenu {
  return "links" in entry;
}

/** Every link of a role's navigation, menus flattened, in display order. */
export function navigationLinksFor(role: RoleName): NavLink[] {
  return navigationFor(role).flatMap((e) => (isNavMenu(e) ? [...e.links] : [e]));
}

/** True when `pathname` is the link's page or one of its sub-pages ("/tarifs/123" → "/tarifs"). */
export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
