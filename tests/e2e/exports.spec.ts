// Downloads in the browser: DINUM takes the orders list as CSV and XLSX from /commandes (both
// files read back: the CSV per RFC 4180, the XLSX with exceljs), and a contractor takes its
// beta.gouv.fr cards as a zip (unzipped here). axe runs on every page visited.
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { parseCsv } from "../support/csv";
import { signInAs } from "./support/auth";
import { visit } from "./support/axe";
import { navLink } from "./support/portal";

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, linkName: string | RegExp) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

test("DINUM télécharge la liste des commandes en CSV et en XLSX, toutes les lignes", async ({ page }) => {
  await signInAs(page, "claire.martin", { callbackPath: "/commandes" });
  await visit(page, "/commandes");
  const caption = (await page.locator("table caption").first().textContent()) ?? "";
  const total = Number(/\((\d+)\)/.exec(caption)?.[1]);
  expect(total).toBeGreaterThan(0);

  const csv = await download(page, /Télécharger les bons de commande \(CSV\)/);
  expect(csv.name).toMatch(/^commandes-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csv.bytes.subarray(3).toString("utf8"));
  const header = rows[0] as string[];
  expect(header).toEqual([
    "Numéro",
    "Statut",
    "Modifie le bon de commande",
    "Produit",
    "Bénéficiaire",
    "Titulaire",
    "Début",
    "Fin",
    "Date de commande",
    "Engagement juridique",
    "Montant HT (€)",
    "TVA (€)",
    "Montant TTC (€)",
    "Créé le",
  ]);
  expect(rows).toHaveLength(total + 1);
  const at = (name: string) => header.indexOf(name);
  for (const row of rows.slice(1)) {
    expect(row[at("Début")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Exact euros with a dot; HT + TVA = TTC to the cent.
    const cents = (s: string | undefined) => BigInt((s as string).replace(".", ""));
    expect(row[at("Montant HT (€)")]).toMatch(/^\d+\.\d{2}$/);
    expect(cents(row[at("Montant HT (€)")]) + cents(row[at("TVA (€)")])).toBe(
      cents(row[at("Montant TTC (€)")]),
    );
  }
  expect(rows.map((r) => r[at("Produit")])).toContain("Code du travail numérique");

  const xlsx = await download(page, /Télécharger les bons de commande \(XLSX\)/);
  expect(xlsx.name).toMatch(/^commandes-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.rowCount).toBe(total + 1);
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  // Same orders, same order, amounts as numbers equal to the CSV's exact decimals.
  rows.slice(1).forEach((row, i) => {
    const line = sheet.getRow(i + 2);
    expect(line.getCell(1).value).toBe(row[0]);
    expect(line.getCell(at("Montant HT (€)") + 1).value).toBe(Number(row[at("Montant HT (€)")]));
    expect(line.getCell(at("Début") + 1).value).toEqual(new Date(`${row[at("Début")]}T00:00:00Z`));
  });

  // The filters of the page go into the file.
  await visit(page, "/commandes?status=IN_PROGRESS");
  const inProgress = await download(page, /Télécharger les bons de commande \(CSV\)/);
  const filtered = parseCsv(inProgress.bytes.subarray(3).toString("utf8")).slice(1);
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.length).toBeLessThan(total);
  expect(new Set(filtered.map((r) => r[at("Statut")]))).toEqual(new Set(["En cours"]));
});

test("un titulaire télécharge ses fiches beta.gouv.fr en zip", async ({ page }) => {
  await signInAs(page, "lea.moreau");
  await (await navLink(page, "Fiches beta.gouv.fr")).click();
  await expect(page).toHaveURL(/\/fiches-beta$/);
  await visit(page, "/fiches-beta");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fiches beta.gouv.fr");

  const zip = await download(page, "Télécharger les fiches (ZIP)");
  expect(zip.name).toMatch(/^fiches-beta-gouv-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(zip.bytes));
  const paths = Object.keys(files);
  expect(paths).toContain("README.md");
  // The products Coopérative Numérique Ouverte has orders for, and no other's.
  expect(paths).toContain("content/_startups/code-du-travail-numerique.md");
  expect(paths).toContain("content/_startups/annuaire-entreprises.md");
  expect(paths).not.toContain("content/_startups/mon-espace-permis.md");
  expect(
    paths.every((p) => p === "README.md" || /^content\/_(authors|startups)\/[a-z0-9._-]+\.md$/.test(p)),
  ).toBe(true);
  const card = strFromU8(files["content/_startups/code-du-travail-numerique.md"] as Uint8Array);
  expect(card.startsWith("---\ntitle: Code du travail numérique\n")).toBe(true);
  expect(card).toContain("phases:\n  - name: construction\n    start: 2018-01-01\n    end: 2019-06-30\n");
  expect(card).toContain("stats_url: https://code.travail.gouv.fr/stats");
  const readme = strFromU8(files["README.md"] as Uint8Array);
  expect(readme).toContain("Préparées le");
  expect(readme).toContain("Coopérative Numérique Ouverte (titulaire)");
});
