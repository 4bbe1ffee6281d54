import { describe, expect, it } from "vitest";
import { isActivePath, isNavMenu, navigationFor, navigationLinksFor } from "./navigation";
import { ROLES } from "./permissions";

const DINUM_ONLY_PATHS = [
  "/referentiel/accord-cadre",
  "/referentiel/titulaires",
  "/referentiel/beneficiaires",
  "/referentiel/personnes",
  "/journal",
  "/pilotage",
];

/** The top-level entries as "label → href" (menus as "label → [hrefs]"). */
function outline(role: (typeof ROLES)[number]) {
  return navigationFor(role).map((e) =>
    isNavMenu(e) ? [e.label, e.links.map((l) => `${l.label} ${l.href}`)] : [e.label, e.href],
  );
}

describe("navigationFor", () => {
  it("gives a beneficiary correspondent their space, orders, execution, products and prices", () => {
    expect(outline("BENEFICIARY")).toEqual([
      ["Mon espace", "/espace"],
      ["Commandes", "/commandes"],
      [
        "Exécution",
        ["Comptes rendus /comptes-rendus", "Suivi /suivi", "Factures /factures", "Risques /risques"],
      ],
      ["Produits", "/produits"],
      ["Tarifs", "/tarifs"],
    ]);
  });

  it("gives a contractor correspondent their orders, execution, team, products and price schedules", () => {
    expect(outline("CONTRACTOR")).toEqual([
      ["Mon espace", "/espace"],
      ["Commandes", "/commandes"],
      [
        "Exécution",
        [
          "Comptes rendus /comptes-rendus",
          "Suivi /suivi",
          "Factures /factures",
          "Risques /risques",
          "Rapport trimestriel /pilotage/rapports/trimestriel",
        ],
      ],
      ["Équipe", ["Intervenants /intervenants", "Fiches beta.gouv.fr /fiches-beta"]],
      ["Produits", "/produits"],
      ["Tarifs", "/tarifs"],
    ]);
  });

  it("gives DINUM all orders, the execution, the reference-data menu and the audit trail", () => {
    expect(outline("DINUM")).toEqual([
      ["Mon espace", "/espace"],
      ["Commandes", "/commandes"],
      [
        "Exécution",
        [
          "Comptes rendus /comptes-rendus",
          "Suivi /suivi",
          "Factures /factures",
          "Risques /risques",
          "Intervenants /intervenants",
          "Fiches beta.gouv.fr /fiches-beta",
        ],
      ],
      ["Produits", "/produits"],
      ["Tarifs", "/tarifs"],
      ["Pilotage", "/pilotage"],
      [
        "Référentiel",
        [
          "Accord-cadre et unités d'œuvre /referentiel/accord-cadre",
          "Titulaires /referentiel/titulaires",
          "Bénéficiaires /referentiel/beneficiaires",
          "Personnes et habilitations /referentiel/personnes",
        ],
      ],
      ["Journal d'audit", "/journal"],
    ]);
  });

  it.each(ROLES.filter((r) => r !== "DINUM"))("shows no DINUM-only entry to %s", (role) => {
    const hrefs = navigationLinksFor(role).map((l) => l.href);
    for (const path of DINUM_ONLY_PATHS) expect(hrefs).not.toContain(path);
    expect(hrefs.some((h) => h.startsWith("/referentiel"))).toBe(false);
    expect(navigationFor(role).some((e) => e.label === "Référentiel")).toBe(false);
  });

  it.each(ROLES)("starts with “Mon espace” and has no duplicate link for %s", (role) => {
    const hrefs = navigationLinksFor(role).map((l) => l.href);
    expect(hrefs[0]).toBe("/espace");
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it.each(ROLES)("describes every page but “Mon espace” for %s", (role) => {
    for (const link of navigationLinksFor(role).slice(1)) expect(link.description).toBeTruthy();
  });
});

describe("isActivePath", () => {
  it("matches the page itself and its sub-pages only", () => {
    expect(isActivePath("/tarifs", "/tarifs")).toBe(true);
    expect(isActivePath("/tarifs/abc/versions", "/tarifs")).toBe(true);
    expect(isActivePath("/tarifs-archives", "/tarifs")).toBe(false);
    expect(isActivePath("/espace", "/tarifs")).toBe(false);
  });

  it("matches the home page only on itself", () => {
    expect(isActivePath("/", "/")).toBe(true);
    expect(isActivePath("/espace", "/")).toBe(false);
  });
});
