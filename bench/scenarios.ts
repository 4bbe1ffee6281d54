// What `npm run bench` measures: one small declarative entry per scenario, meant to be
// adjusted as the screens evolve. Three kinds:
//   http       a GET on the production build (`next start`), signed in as `role`, under load
//              (autocannon); a route answering 404 is reported "absent", not an error.
//   inProcess  a mutation called in-process against the same database (server actions are
//              POST endpoints whose ids change with every build: the data layer is what we
//              time, through the same functions the actions call). Labelled as such.
//   floor      raw SQL (or a data-layer aggregate) on the same database: the time below
//              which a page cannot go. A page's ratio is its p95 over its floor's p95.
// Targets are the (p95, full data set, 2 cores).
import type { BenchContext } from "./context";

export type Role = "dinum" | "beneficiary" | "contractor";

export type HttpScenario = {
  id: string;
  label: string;
  role: Role;
  path: (ctx: BenchContext) => string | null;
  /** The floor this page is compared with (its SQL). */
  floor?: string;
  target: { p95Ms: number; floorRatio?: number };
  /** Expected content type (PDFs), checked on the probe. */
  contentType?: string;
};

export type FloorScenario = {
  id: string;
  label: string;
  /** Runs once; null when what it measures does not exist in this build (reported absent). */
  prepare: (ctx: BenchContext) => Promise<(() => Promise<unknown>) | null>;
};

export type InProcessResult = {
  latenciesMs: number[];
  /** Refusals that are part of the rules (e.g. the agreement's ceiling reached). */
  expectedRefusals: number;
  errors: string[];
  notes: string[];
  invariantFailures?: Array<{ name: string; offending: number }>;
};

export type InProcessScenario = {
  id: string;
  label: string;
  target: { p95Ms: number };
  /** null: the feature is absent from this build. */
  run: (ctx: BenchContext) => Promise<InProcessResult | null>;
};

/** One year of the dashboard: the last complete calendar year of the data set. */
const dashboardYear = (ctx: BenchContext) => ctx.lastFullYear;

export const HTTP_SCENARIOS: HttpScenario[] = [
  {
    id: "dashboard-all",
    label: "Pilotage DINUM — tout l'accord-cadre",
    role: "dinum",
    path: () => "/pilotage",
    floor: "dashboard-all",
    target: { p95Ms: 300, floorRatio: 1.5 },
  },
  {
    id: "dashboard-year",
    label: "Pilotage DINUM — une année",
    role: "dinum",
    path: (ctx) => `/pilotage?du=${dashboardYear(ctx)}-01&au=${dashboardYear(ctx)}-12`,
    floor: "dashboard-year",
    target: { p95Ms: 300, floorRatio: 1.5 },
  },
  {
    id: "orders-first",
    label: "Commandes du plus gros bénéficiaire — 1re page",
    role: "beneficiary",
    path: () => "/commandes",
    floor: "orders-first",
    target: { p95Ms: 150 },
  },
  {
    id: "orders-filtered",
    label: "Commandes — page filtrée (clôturées d'une année, par montant)",
    role: "beneficiary",
    path: (ctx) =>
      `/commandes?status=CLOSED&from=${dashboardYear(ctx)}-01-01&to=${dashboardYear(ctx)}-12-31&sort=total&dir=desc`,
    floor: "orders-filtered",
    target: { p95Ms: 150 },
  },
  {
    id: "orders-deep",
    label: "Commandes — page profonde (la dernière)",
    role: "beneficiary",
    path: (ctx) => `/commandes?page=${ctx.deepPage}`,
    floor: "orders-deep",
    target: { p95Ms: 150 },
  },
  {
    id: "order-detail",
    label: "Détail de la plus grosse commande",
    role: "beneficiary",
    path: (ctx) => `/commandes/${ctx.largestOrder.id}`,
    target: { p95Ms: 200 },
  },
  {
    id: "order-follow-up",
    label: "Suivi de la plus grosse commande",
    role: "beneficiary",
    path: (ctx) => `/commandes/${ctx.largestOrder.id}/suivi`,
    target: { p95Ms: 200 },
  },
  {
    id: "order-pdf",
    label: "PDF du bon de commande",
    role: "beneficiary",
    path: (ctx) => `/commandes/${ctx.largestOrder.id}/pdf`,
    contentType: "application/pdf",
    target: { p95Ms: 80 },
  },
  {
    id: "service-fait-pdf",
    label: "PDF du service fait",
    role: "beneficiary",
    path: (ctx) =>
      ctx.largestOrder.serviceFaitId
        ? `/commandes/${ctx.largestOrder.id}/service-fait/${ctx.largestOrder.serviceFaitId}/pdf`
        : null,
    contentType: "application/pdf",
    target: { p95Ms: 80 },
  },
];
