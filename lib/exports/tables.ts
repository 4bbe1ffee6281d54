// The lists of the portal as Tables, each read through its domain's own list query (scope and
// filters decided there, from the session's actor), with the same URL filters as its page.
// A new list export is a Table builder here (or a report query that already returns a Table)
// plus a five-line route using lib/exports/route.ts.
import "server-only";
import { listAuditEvents } from "@/lib/audit/queries";
import { auditActionLabel, auditEntityLabel } from "@/lib/audit/rules";
import type { Actor } from "@/lib/auth/actor";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { todayIso } from "@/lib/dates";
import { validation } from "@/lib/errors";
import { listOrdersForExport } from "@/lib/orders/queries";
import { ORDER_STATUS_LABELS } from "@/lib/orders/rules";
import { orderFiltersSchema } from "@/lib/orders/schemas";
import { listBeneficiaries, listContractors } from "@/lib/organisations/queries";
import type { Page } from "@/lib/pagination";
import { listUsers } from "@/lib/people/queries";
import { ROLE_SHORT_LABELS } from "@/lib/people/rules";
import { listPricesInForce } from "@/lib/price-schedules/queries";
import { listProducts } from "@/lib/products/queries";
import { PHASE_LABELS, PRODUCT_KIND_LABELS } from "@/lib/products/rules";
import { productFiltersSchema } from "@/lib/products/schemas";
import type { Table } from "./table";

/** What a route hands a Table builder: the acting person and the request's search params. */
export type ExportContext = { actor: Actor; params: URLSearchParams };

/** Above this, an export asks to narrow the filters rather than build a huge file. */
export const EXPORT_MAX_ROWS = 50_000;

/**
 * Every row of a paginated list query, read in ONE query (one consistent snapshot) by asking
 * for a page as large as the export limit; more than the limit is refused with a French
 * message rather than cut silently.
 */
export async function allRows<T>(
  list: (page: { page: number; pageSize: number }) => Promise<Page<T>>,
): Promise<T[]> {
  const result = await list({ page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  if (result.items.length > EXPORT_MAX_ROWS || result.total > EXPORT_MAX_ROWS) {
    throw validation(
      `L'export est limité à ${EXPORT_MAX_ROWS.toLocaleString("fr-FR")} lignes : affinez les filtres.`,
    );
  }
  return result.items;
}

/** "commandes" → "commandes-2026-11-24" (Paris date of the download). */
export function datedName(base: string): string {
  return `${base}-${todayIso()}`;
}

const text = (params: URLSearchParams, key: string) => params.get(key) ?? "";

/** The orders list (/commandes): every order of the caller's scope matching the page's filters. */
export async function ordersTable({ actor, params }: ExportContext): Promise<Table> {
  const filters = orderFiltersSchema.parse({
    q: text(params, "q"),
    status: text(params, "status") || undefined,
    productId: text(params, "productId") || undefined,
    contractorId: text(params, "contractorId") || undefined,
    from: text(params, "from") || undefined,
    to: text(params, "to") || undefined,
    sort: text(params, "sort") || undefined,
    dir: text(params, "dir") || undefined,
    // The dashboard's drill-down filters, so the download is exactly the list on screen.
    beneficiaryId: text(params, "beneficiaryId") || undefined,
    uoTypeId: text(params, "uoTypeId") || undefined,
    figure: text(params, "figure") || undefined,
    figureFrom: text(params, "figureFrom") || undefined,
    figureTo: text(params, "figureTo") || undefined,
  });
  const rows = await listOrdersForExport({ actor, filters });
  return {
    name: datedName("commandes"),
    title: "Bons de commande",
    columns: [
      { key: "number", label: "Numéro" },
      { key: "status", label: "Statut" },
      { key: "corrects", label: "Modifie le bon de commande" },
      { key: "product", label: "Produit" },
      { key: "beneficiary", label: "Bénéficiaire" },
      { key: "contractor", label: "Titulaire" },
      { key: "startsOn", label: "Début", kind: "date" },
      { key: "endsOn", label: "Fin", kind: "date" },
      { key: "orderDate", label: "Date de commande", kind: "date" },
      { key: "ej", label: "Engagement juridique" },
      { key: "ht", label: "Montant HT (€)", kind: "cents" },
      { key: "vat", label: "TVA (€)", kind: "cents" },
      { key: "ttc", label: "Montant TTC (€)", kind: "cents" },
      { key: "createdAt", label: "Créé le", kind: "datetime" },
    ],
    rows: rows.map((o) => ({
      number: o.number ?? "Brouillon",
      status: ORDER_STATUS_LABELS[o.status],
      corrects: o.correctsNumber,
      product: o.productName,
      beneficiary: o.beneficiaryName,
      contractor: o.contractorName,
      startsOn: o.startsOn,
      endsOn: o.endsOn,
      orderDate: o.orderDate,
      ej: o.legalCommitmentNumber,
      ht: o.totalHtCents,
      vat: o.vatCents,
      ttc: o.totalTtcCents,
      createdAt: o.createdAt,
    })),
  };
}

/** The products list (/produits), with its search, phase and kind filters. */
export async function productsTable({ actor, params }: ExportContext): Promise<Table> {
  const filters = productFiltersSchema.parse({
    q: text(params, "q"),
    phase: text(params, "phase"),
    kind: text(params, "kind"),
  });
  const items = await allRows((p) => listProducts({ actor, ...p, ...filters }));
  return {
    name: datedName("produits"),
    title: "Produits",
    columns: [
      { key: "name", label: "Produit" },
      { key: "kind", label: "Type" },
      { key: "owner", label: "Bénéficiaire" },
      { key: "incubator", label: "Incubateur" },
      { key: "phase", label: "Phase en cours" },
      { key: "since", label: "Depuis le", kind: "date" },
    ],
    rows: items.map((p) => ({
      name: p.name,
      kind: PRODUCT_KIND_LABELS[p.kind],
      owner: p.owner.name,
      incubator: p.incubator,
      phase: p.currentPhase ? PHASE_LABELS[p.currentPhase.phase] : null,
      since: p.currentPhase?.startsOn ?? null,
    })),
  };
}

/** The prices in force today (/tarifs): one row per contractor, one column per UO. */
export async function pricesInForceTable({ actor }: ExportContext): Promise<Table> {
  const prices = await listPricesInForce({ actor });
  return {
    name: datedName("tarifs-en-vigueur"),
    title: `Prix en vigueur au ${prices.date}`,
    columns: [
      { key: "contractor", label: "Titulaire" },
      { key: "version", label: "Version", kind: "integer" },
      { key: "effectiveOn", label: "En vigueur depuis le", kind: "date" },
      ...prices.uoTypes.map((u) => ({
        key: `uo:${u.id}`,
        label: `${u.label} – prix unitaire HT (€)`,
        kind: "cents" as const,
      })),
    ],
    rows: prices.contractors.map((c) => ({
      contractor: c.name,
      version: c.version?.number ?? null,
      effectiveOn: c.version?.effectiveOn ?? null,
      ...Object.fromEntries(prices.uoTypes.map((u) => [`uo:${u.id}`, c.prices[u.id] ?? null])),
    })),
  };
}

/** The audit trail (/journal, DINUM), with its filters; before/after as JSON text. */
export async function auditTable({ actor, params }: ExportContext): Promise<Table> {
  const filters = {
    action: text(params, "action"),
    entityType: text(params, "entityType"),
    entityId: text(params, "entityId"),
    actorEmail: text(params, "actorEmail"),
    from: text(params, "from"),
    to: text(params, "to"),
  };
  const events = await allRows((p) => listAuditEvents({ actor, ...p, filters }));
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return {
    name: datedName("journal-audit"),
    title: "Journal des modifications",
    columns: [
      { key: "id", label: "N° d'événement", kind: "integer" },
      { key: "at", label: "Date et heure (Paris)", kind: "datetime" },
      { key: "action", label: "Action" },
      { key: "actionCode", label: "Code de l'action" },
      { key: "entity", label: "Élément" },
      { key: "entityId", label: "Identifiant de l'élément" },
      { key: "email", label: "Personne" },
      { key: "role", label: "Rôle" },
      { key: "org", label: "Organisation" },
      { key: "before", label: "Avant (JSON)" },
      { key: "after", label: "Après (JSON)" },
      { key: "requestId", label: "Identifiant de requête" },
    ],
    rows: events.map((e) => ({
      id: e.id,
      at: e.occurredAt,
      action: auditActionLabel(e.action),
      actionCode: e.action,
      entity: auditEntityLabel(e.entityType),
      entityId: e.entityId,
      email: e.actorEmail,
      role: e.actorRole ? ROLE_SHORT_LABELS[e.actorRole] : null,
      org: e.actorOrgName,
      before: json(e.before),
      after: json(e.after),
      requestId: e.requestId,
    })),
  };
}

/** People and their memberships (/referentiel/personnes, DINUM): one row per membership. */
export async function peopleTable({ actor, params }: ExportContext): Promise<Table> {
  const rawRole = text(params, "role");
  const role = (ROLES as readonly string[]).includes(rawRole) ? (rawRole as RoleName) : undefined;
  const users = await allRows((p) =>
    listUsers({
      actor,
      ...p,
      q: text(params, "q"),
      role,
      organisation: text(params, "organisation") || undefined,
    }),
  );
  return {
    name: datedName("personnes"),
    title: "Personnes et habilitations",
    columns: [
      { key: "name", label: "Nom" },
      { key: "email", label: "Adresse e-mail" },
      { key: "active", label: "Compte actif" },
      { key: "role", label: "Rôle" },
      { key: "org", label: "Organisation" },
      { key: "membershipActive", label: "Habilitation active" },
    ],
    rows: users.flatMap((u): Table["rows"] => {
      const person = { name: u.displayName, email: u.email, active: u.active };
      if (u.memberships.length === 0) return [{ ...person, role: null, org: null, membershipActive: null }];
      return u.memberships.map((m) => ({
        ...person,
        role: ROLE_SHORT_LABELS[m.role],
        org: m.organisationName,
        membershipActive: m.active,
      }));
    }),
  };
}

/** Contractors (/referentiel/titulaires, DINUM). SIRET stays text: it may start with 0. */
export async function contractorsTable({ actor, params }: ExportContext): Promise<Table> {
  const items = await allRows((p) => listContractors({ actor, ...p, q: text(params, "q") }));
  return {
    name: datedName("titulaires"),
    title: "Titulaires",
    columns: [
      { key: "name", label: "Titulaire" },
      { key: "acronym", label: "Sigle" },
      { key: "siret", label: "SIRET" },
      { key: "active", label: "Actif" },
    ],
    rows: items.map((c) => ({ name: c.name, acronym: c.acronym, siret: c.siret, active: c.active })),
  };
}

/** Beneficiaries (/referentiel/beneficiaires, DINUM). */
export async function beneficiariesTable({ actor, params }: ExportContext): Promise<Table> {
  const items = await allRows((p) => listBeneficiaries({ actor, ...p, q: text(params, "q") }));
  return {
    name: datedName("beneficiaires"),
    title: "Bénéficiaires",
    columns: [
      { key: "name", label: "Bénéficiaire" },
      { key: "acronym", label: "Sigle" },
      { key: "siret", label: "SIRET" },
      { key: "isDinum", label: "DINUM" },
      { key: "active", label: "Actif" },
    ],
    rows: items.map((b) => ({
      name: b.name,
      acronym: b.acronym,
      siret: b.siret,
      isDinum: b.isDinum,
      active: b.active,
    })),
  };
}
