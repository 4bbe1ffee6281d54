// The consolidation (issue 5) in the browser: DINUM reads the dashboard, drills down to an
// order, sets the forecast's threshold, opens both reports and downloads each as CSV and
// XLSX (read back here); a contractor reads its own quarterly report only; a beneficiary
// gets "not found". axe on every page.
import fs from "node:fs";
import { type Download, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { parseCsv } from "../support/csv";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { expectNotFound, mainNav, navLink } from "./support/portal";

async function downloadOf(page: Page, linkName: RegExp): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).first().click(),
  ]);
  return download;
}

/** The header and body rows of the first table whose caption matches. */
async function screenTable(page: Page, caption: RegExp) {
  const table = page.locator("table").filter({ has: page.locator("caption", { hasText: caption }) });
  const header = await table.locator("thead th").allInnerTexts();
  const rows = await table.locator("tbody tr").evaluateAll(visibleCells);
  const footer = await table.locator("tfoot tr").evaluateAll(visibleCells);
  return { header: header.map((h) => h.trim()), rows, footer };
}

/** The text of each cell as seen on screen (without the links' screen-reader context). */
function visibleCells(trs: Element[]): string[][] {
  return trs.map((tr) =>
    Array.from(tr.querySelectorAll("th, td")).map((cell) => {
      const copy = cell.cloneNode(true) as Element;
      for (const hidden of Array.from(copy.querySelectorAll(".fr-sr-only"))) hidden.remove();
      return (copy.textContent ?? "").trim();
    }),
  );
}

/** "1 234,56 €" (narrow spaces) → "1234,56". */
const plainAmount = (s: string) => s.replace(/[\s\u00a0\u202f€]/g, "");
/** The CSV writes exact amounts with a dot (lib/exports): "1234.56" → "1234,56". */
const csvAmount = (s: string) => s.replace(".", ",");

async function readXlsx(download: Download) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path()) as string);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error("classeur vide");
  const rows: unknown[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

test.describe("Pilotage – DINUM (claire.martin)", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "claire.martin");
    await expect(page).toHaveURL(/\/espace$/);
  });

  test("lit le tableau de bord et descend jusqu'à une commande", async ({ page }) => {
    await mainNav(page).getByRole("link", { name: "Pilotage" }).click();
    await expect(page).toHaveURL(/\/pilotage$/);
    const started = Date.now();
    await visit(page, "/pilotage");
    console.log(`/pilotage chargé et vérifié par axe en ${Date.now() - started} ms`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pilotage de l'accord-cadre");
    await expect(page.getByText("montant maximum 90 000 000,00 € HT")).toBeVisible();

    // The five figures against the maximum, the chart's table read by screen readers.
    const overview = await screenTable(page, /Montants rapportés au montant maximum/);
    expect(overview.rows.map((r) => r[0])).toEqual([
      "Engagé",
      "Consommé (validé)",
      "Service fait certifié",
      "Facturé",
      "Payé",
    ]);
    await expect(page.getByRole("img", { name: /rapportés au montant maximum/ })).toBeVisible();
    const committed = overview.rows[0]?.[1] ?? "";
    expect(plainAmount(committed)).toMatch(/^[1-9]\d*,\d\d$/);

    // Every breakdown is there, with a total equal to the headline figure.
    for (const caption of [
      /Montants par mois/,
      /Montants par bénéficiaire/,
      /Montants par titulaire/,
      /Montants par produit/,
      /Montants par unité d'œuvre/,
    ]) {
      const table = await screenTable(page, caption);
      expect(table.footer[0]?.slice(0, 2)).toEqual(["Total", committed]);
    }
    await expect(
      page.getByRole("heading", { name: "Prévision d'atteinte du montant maximum" }),
    ).toBeVisible();

    // The full breakdown by product (the dashboard shows the 15 largest): every product, the
    // same total.
    const shownProducts = await screenTable(page, /Montants par produit/);
    await visit(page, "/pilotage/ventilation/produits");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ventilation complète par produit");
    const allProducts = await screenTable(page, /Montants par produit/);
    expect(allProducts.footer[0]?.slice(0, 2)).toEqual(["Total", committed]);
    expect(allProducts.rows.length).toBeGreaterThanOrEqual(Math.min(shownProducts.rows.length, 50));
    expect(allProducts.rows.some((r) => /^Autres produits/.test(r[0] ?? ""))).toBe(false);
    await visit(page, "/pilotage");

    // Drill-down: what Atelier Produit has committed → its orders → one order.
    await page.getByRole("link", { name: /Voir les commandes – Engagé, Atelier Produit/ }).click();
    await expect(page).toHaveURL(/\/commandes\?figure=committed&contractorId=/);
    await expectAccessible(page);
    await expect(page.getByText(/Détail d'un montant du pilotage – commandes engagées/)).toBeVisible();
    const list = await screenTable(page, /Bons de commande \(\d+\)/);
    expect(list.rows.length).toBeGreaterThan(0);
    const contractorColumn = list.header.indexOf("Titulaire");
    const statusColumn = list.header.indexOf("Statut");
    for (const row of list.rows) {
      expect(row[contractorColumn]).toBe("Atelier Produit");
      expect(row[statusColumn]).not.toMatch(/Brouillon|Annulé/);
    }
    await page
      .locator("table tbody tr")
      .first()
      .getByRole("link", { name: /BDC-\d{4}-\d{4}/ })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Bon de commande n° BDC-\d{4}-\d{4}$/);
    await expectAccessible(page);
  });

  test("explique un filtre absurde et règle le seuil d'alerte", async ({ page }) => {
    await visit(page, "/pilotage?du=2026-07&au=2026-06");
    await expect(page.getByRole("alert").filter({ hasText: "La période est inversée" })).toBeVisible();
    await visit(page, "/pilotage?beneficiaire=00000000-0000-4000-8000-000000000000");
    await expect(
      page.getByRole("alert").filter({ hasText: "Le bénéficiaire demandé n'existe pas" }),
    ).toBeVisible();

    // A period and a beneficiary: the figures follow.
    await visit(page, "/pilotage");
    await page.getByLabel("Du mois").fill("2026-01");
    await page.getByLabel("Au mois (inclus)").fill("2026-12");
    await page
      .getByLabel("Bénéficiaire", { exact: true })
      .selectOption({ label: "Ministère du Travail et des Solidarités" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect(page).toHaveURL(/du=2026-01&au=2026-12&beneficiaire=/);
    await expectAccessible(page);
    await expect(
      page.getByRole("heading", { name: /Montants de janvier 2026 à décembre 2026/ }),
    ).toBeVisible();
    const byBeneficiary = await screenTable(page, /Montants par bénéficiaire/);
    expect(byBeneficiary.rows.map((r) => r[0])).toEqual(["Ministère du Travail et des Solidarités"]);

    // The threshold: 1 % is already passed → the warning shows; back to 80 %.
    await visit(page, "/pilotage");
    const threshold = page.getByRole("textbox", { name: /Seuil d'alerte/ });
    await threshold.fill("1");
    await page.getByRole("button", { name: "Enregistrer le seuil" }).click();
    await expect(page.getByText(/Le seuil d'alerte est maintenant de 1\s%/)).toBeVisible();
    await page.reload();
    await expect(page.getByText(/Les engagements dépassent déjà 1\s% du montant maximum/)).toBeVisible();
    await expectAccessible(page);
    await threshold.fill("150");
    await page.getByRole("button", { name: "Enregistrer le seuil" }).click();
    await expect(
      page.getByText("Le seuil d'alerte doit être compris entre 1 % et 100 %.").first(),
    ).toBeVisible();
    await threshold.fill("80");
    await page.getByRole("button", { name: "Enregistrer le seuil" }).click();
    await expect(page.getByText(/Le seuil d'alerte est maintenant de 80\s%/)).toBeVisible();
  });

  test("ouvre les deux rapports et télécharge chacun en CSV et en XLSX", async ({ page }) => {
    await visit(page, "/pilotage");
    await page.getByRole("link", { name: "Rapport semestriel des commandes" }).click();
    await expect(page).toHaveURL(/\/pilotage\/rapports\/semestriel$/);
    await visit(page, "/pilotage/rapports/semestriel?semestre=2026-S2");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Rapport semestriel des commandes – 2e semestre 2026",
    );
    const screen = await screenTable(page, /Bons de commande – 2e semestre 2026/);
    expect(screen.rows.length).toBeGreaterThan(0);

    const csvDownload = await downloadOf(page, /Télécharger le rapport \(CSV\)/);
    expect(csvDownload.suggestedFilename()).toBe("rapport-semestriel-2026-S2.csv");
    const csv = parseCsv(fs.readFileSync((await csvDownload.path()) as string, "utf8"));
    expect(csv[0]).toEqual(screen.header);
    const body = csv.slice(1);
    expect(body).toHaveLength(screen.rows.length);
    const number = screen.header.indexOf("N° de bon de commande");
    const ht = screen.header.indexOf("Montant HT");
    expect(body.map((r) => r[number])).toEqual(screen.rows.map((r) => r[number]));
    expect(body.map((r) => csvAmount(r[ht] ?? ""))).toEqual(screen.rows.map((r) => plainAmount(r[ht] ?? "")));

    const xlsxDownload = await downloadOf(page, /Télécharger le rapport \(XLSX/);
    expect(xlsxDownload.suggestedFilename()).toBe("rapport-semestriel-2026-S2.xlsx");
    const sheet = await readXlsx(xlsxDownload);
    expect(sheet[0]).toEqual(screen.header);
    expect(sheet.slice(1).map((r) => r[number])).toEqual(screen.rows.map((r) => r[number]));
    // Amounts are numbers in the spreadsheet, equal to the screen's to the cent.
    expect(sheet.slice(1).map((r) => Number(r[ht]).toFixed(2).replace(".", ","))).toEqual(
      screen.rows.map((r) => plainAmount(r[ht] ?? "")),
    );

    // The quarterly report: DINUM picks the contractor.
    await visit(page, "/pilotage/rapports/trimestriel?trimestre=2026-T4");
    await expect(page.getByText("Choisissez un titulaire pour afficher son rapport.")).toBeVisible();
    await page
      .getByLabel("Titulaire", { exact: true })
      .selectOption({ label: "Coopérative Numérique Ouverte" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect(page).toHaveURL(/trimestre=2026-T4&titulaire=/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Rapport trimestriel de Coopérative Numérique Ouverte – 4e trimestre 2026",
    );
    const orders = await screenTable(page, /Commandes – 4e trimestre 2026/);
    expect(orders.rows.length).toBeGreaterThan(0);
    await expect(page.locator("caption", { hasText: /Synthèse – 4e trimestre 2026/ })).toBeVisible();
    await expect(page.locator("caption", { hasText: /Profils et jours validés/ })).toBeVisible();

    const qCsv = await downloadOf(page, /Télécharger les commandes \(CSV\)/);
    expect(qCsv.suggestedFilename()).toBe(
      "rapport-trimestriel-2026-T4-cooperative-numerique-ouverte-commandes.csv",
    );
    const qRows = parseCsv(fs.readFileSync((await qCsv.path()) as string, "utf8"));
    expect(qRows[0]).toEqual(orders.header);
    expect(qRows.slice(1).map((r) => r[0])).toEqual(orders.rows.map((r) => r[0]));
    const qXlsx = await downloadOf(page, /Télécharger les commandes \(XLSX/);
    const qSheet = await readXlsx(qXlsx);
    expect(qSheet[0]).toEqual(orders.header);
    expect(qSheet.slice(1).map((r) => r[0])).toEqual(orders.rows.map((r) => r[0]));
    const synthesis = await downloadOf(page, /Télécharger la synthèse \(CSV\)/);
    expect(parseCsv(fs.readFileSync((await synthesis.path()) as string, "utf8"))[0]).toEqual([
      "Indicateur",
      "Valeur",
      "Nombre de cas",
    ]);

    // A malformed period: a French message, not an error page.
    await visit(page, "/pilotage/rapports/semestriel?semestre=2026-S3");
    await expect(page.getByRole("alert").filter({ hasText: "AAAA-S1 ou AAAA-S2" })).toBeVisible();
    const bad = await page.request.get("/pilotage/rapports/semestriel/export?format=csv&semestre=2026-S3");
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toMatch(/AAAA-S1 ou AAAA-S2/);
  });
});

test.describe("Pilotage – titulaire (hugo.lefebvre, Atelier Produit)", () => {
  test("lit son propre rapport trimestriel, rien d'autre", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await (await navLink(page, "Rapport trimestriel")).click();
    await expect(page).toHaveURL(/\/pilotage\/rapports\/trimestriel$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      /^Rapport trimestriel de Atelier Produit – /,
    );
    await visit(page, "/pilotage/rapports/trimestriel?trimestre=2026-T4");
    const orders = await screenTable(page, /Commandes – 4e trimestre 2026/);
    for (const row of orders.rows) expect(row[0]).toMatch(/^BDC-|^—$/);
    const csv = await downloadOf(page, /Télécharger les commandes \(CSV\)/);
    const rows = parseCsv(fs.readFileSync((await csv.path()) as string, "utf8"));
    expect(rows.slice(1).map((r) => r[0])).toEqual(orders.rows.map((r) => r[0]));

    // Another company's report, the dashboard, the six-monthly report: not found.
    const other = await page.request.get(
      "/pilotage/rapports/trimestriel/export?format=csv&titulaire=00000000-0000-4000-8000-000000000000",
    );
    expect(other.status()).toBe(404);
    await expectNotFound(page, "/pilotage");
    await expectNotFound(page, "/pilotage/rapports/semestriel");
    await expect(mainNav(page).getByRole("link", { name: "Pilotage" })).toHaveCount(0);
  });
});

test.describe("Pilotage – bénéficiaire (paul.durand)", () => {
  test("n'a pas accès au pilotage", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await expect(mainNav(page).getByRole("link", { name: "Pilotage" })).toHaveCount(0);
    await expectNotFound(page, "/pilotage");
    await expectNotFound(page, "/pilotage?du=2026-01");
    await expectNotFound(page, "/pilotage/rapports/semestriel?semestre=2026-S2");
    await expectNotFound(page, "/pilotage/rapports/trimestriel");
    const res = await page.request.get("/pilotage/rapports/semestriel/export?format=xlsx&semestre=2026-S2");
    expect(res.status()).toBe(404);
  });
});
