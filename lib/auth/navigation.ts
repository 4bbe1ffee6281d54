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

const ACTIVITY_REPORTS: NavLink = { label: "Comptes rendus", href: "/comptes-rendus" };

const PRODUCTS: NavLink = { label: "Produits", href: "/produits" };

const FOLLOW_UP: NavLink = { label: "Suivi", href: "/suivi" };

const INVOICES: NavLink = { label: "Factures", href: "/factures" };

const PRICE_SCHEDULES: NavLink = { label: "Tarifs", href: "/tarifs" };

const STAFFERS: NavLink = { label: "Intervenants", href: "/intervenants" };

const BETA_CARDS: NavLink = { label: "Fiches beta.gouv.fr", href: "/fiches-beta" };

const RISKS: NavLink = { label: "Risques", href: "/risques" };

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
    {
      label: "Exécution",
      links: [
        {
          ...ACTIVITY_REPORTS,
          description: "Valider ou rejeter les comptes rendus d'activité mensuels des titulaires.",
        },
        {
          ...FOLLOW_UP,
          description: "Voir ce qui a été commandé, réalisé, certifié, facturé et payé, et ce qui reste.",
        },
        {
          ...INVOICES,
          description: "Suivre les factures déposées par les titulaires et enregistrer leur paiement.",
        },
        { ...RISKS, description: "Suivre les risques que les titulaires signalent sur vos produits." },
      ],
    },
    {
      ...PRODUCTS,
      description: "Déclarer et suivre les produits de votre organisation, leurs phases et leur impact.",
    },
    { ...PRICE_SCHEDULES, description: "Consulter les prix validés de chaque titulaire." },
  ],
  CONTRACTOR: [
    MY_SPACE,
    {
      ...ORDERS,
      description: "Consulter les bons de commande adressés à votre société et en accuser réception.",
    },
    {
      label: "Exécution",
      links: [
        {
          ...ACTIVITY_REPORTS,
          description:
            "Déclarer chaque mois les jours et les activités de vos intervenants, corriger les rejets.",
        },
        {
          ...FOLLOW_UP,
          description:
            "Voir, par bon de commande, les jours validés, certifiés, facturés et payés, et ce qui reste.",
        },
        { ...INVOICES, description: "Enregistrer vos factures Chorus Pro et suivre leur paiement." },
        {
          ...RISKS,
          description: "Signaler et tenir à jour les principaux risques des produits où vous travaillez.",
        },
        QUARTERLY_REPORT,
      ],
    },
    {
      label: "Équipe",
      links: [
        {
          ...STAFFERS,
          description: "Tenir à jour les intervenants de votre société, à affecter aux lignes des commandes.",
        },
        {
          ...BETA_CARDS,
          description:
            "Télécharger les fiches beta.gouv.fr de vos intervenants et des produits où ils travaillent.",
        },
      ],
    },
    { ...PRODUCTS, description: "Consulter les produits de l'accord-cadre." },
    {
      ...PRICE_SCHEDULES,
      description: "Proposer un nouveau bordereau de prix et suivre sa validation par la DINUM.",
    },
  ],
  DINUM: [
    MY_SPACE,
    { ...ORDERS, description: "Consulter tous les bons de commande passés sur l'accord-cadre." },
    {
      label: "Exécution",
      links: [
        { ...ACTIVITY_REPORTS, description: "Consulter tous les comptes rendus d'activité des titulaires." },
        {
          ...FOLLOW_UP,
          description:
            "Suivre la consommation de l'accord-cadre : commandé, réalisé, certifié, facturé, payé.",
        },
        { ...INVOICES, description: "Suivre toutes les factures et les délais de paiement." },
        {
          ...RISKS,
          description: "Passer en revue les risques de tous les produits, les plus graves d'abord.",
        },
        { ...STAFFERS, description: "Consulter les intervenants de tous les titulaires." },
        {
          ...BETA_CARDS,
          description:
            "Télécharger les fiches beta.gouv.fr de tous les intervenants et de tous les produits.",
        },
      ],
    },
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
