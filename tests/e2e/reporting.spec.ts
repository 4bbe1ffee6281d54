// Reporting journeys (CCTP §3.3): lea.moreau (Coopérative Numérique Ouverte) signals a risk on
// Code du travail numérique and raises it; paul.durand (Ministère du Travail) sees it on the
// product page, enters the month's impact indicators and reads the cost per active user;
// DINUM reviews every risk, most severe first; anyone reads /stats and downloads its CSV.
// The tests run in order and share the risk they create.
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";
import { uniqueSuffix } from "./support/portal";

const PAUL_EMAIL = "paul.durand@travail.gouv.fr";
const PRODUCT = "Code du travail numérique";

/** "1 234,56 €" (French, narrow no-break spaces) → 123456n. */
function centsOf(text: string): bigint {
  const s = text.replace(/[\s\u00a0\u202f€]/g, "");
  const m = /^(\d+),(\d{2})$/.exec(s);
  if (!m) throw new Error(`Montant illisible : ${text}`);
  return BigInt(m[1] as string) * 100n + BigInt(m[2] as string);
}

/** Current month in Paris, "YYYY-MM". */
function currentMonth(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
  }).format(new Date());
}

async function openProduct(page: Page, name: string) {
  await visit(page, "/produits");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectAccessible(page);
}

test.describe.configure({ mode: "serial" });

test.describe("Risques, impact et statistiques", () => {
  const title = `Départ du lead dev ${uniqueSuffix()} <b>gras</b>`;
  let riskPath = "";

  test("lea.moreau signale un risque sur un produit de ses commandes, puis en relève la gravité", async ({
    page,
  }) => {
    const since = new Date();
    await signInAs(page, "lea.moreau");
    await visit(page, "/risques");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Risques");
    await page.getByRole("link", { name: "Signaler un risque" }).click();
    await expect(page).toHaveURL(/\/risques\/nouveau$/);
    await expectAccessible(page);

    // Only products the company has received an order for are offered.
    const product = page.getByLabel(/^Produit concerné/);
    const offered = await product.locator("option:not([disabled])").allTextContents();
    expect(offered).toEqual(expect.arrayContaining([PRODUCT, "Annuaire des entreprises"]));
    expect(offered).not.toContain("Mon espace permis");

    // Nothing chosen: refused in French, nothing recorded.
    await page.getByRole("button", { name: "Signaler le risque" }).click();
    await expect(
      page.getByText("Le formulaire contient des erreurs. Corrigez les champs signalés."),
    ).toBeVisible();
    await expectAccessible(page);

    await product.selectOption({ label: PRODUCT });
    await page.getByLabel(/^Intitulé du risque/).fill(title);
    await page.getByLabel(/^Description/).fill("Le développeur principal part fin janvier.");
    await page.getByLabel(/^Probabilité/).selectOption({ label: "Possible (2)" });
    await page.getByLabel(/^Impact/).selectOption({ label: "Fort (3)" });
    await page.getByLabel(/^Mesures prévues/).fill("Binôme dès décembre.");
    await page.getByLabel(/^Responsable/).fill("Responsable de l'équipe");
    await page.getByRole("button", { name: "Signaler le risque" }).click();

    await expect(page).toHaveURL(/\/risques\/[0-9a-f-]{36}\?enregistre=1$/);
    riskPath = new URL(page.url()).pathname;
    // The HTML typed in the title is shown as text.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.locator("h1 b")).toHaveCount(0);
    await expect(page.getByText("Élevée · 6/16").first()).toBeVisible();
    await expectAccessible(page);
    const created = await waitForMail({ to: PAUL_EMAIL, subject: /nouveau risque signalé/, since });
    expect(created.subject).toBe(`Risque – ${PRODUCT} : nouveau risque signalé`);
    expect(created.text).toContain(`- Risque : ${title}`);

    // Raise it: impact becomes critical (2 × 4 = 8).
    const raisedSince = new Date();
    await page.getByLabel(/^Impact/).selectOption({ label: "Critique (4)" });
    await page.getByRole("button", { name: "Enregistrer le risque" }).click();
    await expect(page).toHaveURL(/\?modifie=1$/);
    await expect(page.getByText("Les modifications du risque ont été enregistrées.")).toBeVisible();
    await expect(page.getByText("Élevée · 8/16").first()).toBeVisible();
    await expect(page.getByText("Mise à jour d'un risque")).toBeVisible();
    await expectAccessible(page);
    const raised = await waitForMail({
      to: PAUL_EMAIL,
      subject: /gravité d'un risque en hausse/,
      since: raisedSince,
    });
    expect(raised.text).toContain("Élevée (8 sur 16), auparavant Élevée (6 sur 16)");
  });

  test("paul.durand voit le risque sur la page du produit et dans ses risques, sans pouvoir le modifier", async ({
    page,
  }) => {
    await signInAs(page, "paul.durand");
    await openProduct(page, PRODUCT);
    const risks = page.locator("section", { has: page.getByRole("heading", { name: "Risques ouverts" }) });
    await expect(risks.getByRole("link", { name: title })).toBeVisible();
    // The product's public stats page: an external link that cannot reach back.
    const stats = page.getByRole("link", { name: /Statistiques d'impact de Code du travail numérique/ });
    await expect(stats).toHaveAttribute("href", "https://code.travail.gouv.fr/stats");
    await expect(stats).toHaveAttribute("rel", /noopener/);
    await expect(stats).toHaveAttribute("target", "_blank");

    await visit(page, "/risques");
    await page.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`${riskPath}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("button", { name: "Enregistrer le risque" })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("paul.durand saisit les indicateurs du mois et lit le coût par utilisateur actif", async ({
    page,
  }) => {
    await signInAs(page, "paul.durand");
    await openProduct(page, PRODUCT);
    await page.getByRole("link", { name: "Saisir les indicateurs du mois" }).click();
    await expect(page).toHaveURL(/\/produits\/[0-9a-f-]{36}\/indicateurs$/);
    await expectAccessible(page);
    await expect(page.getByLabel(/^Mois mesuré/)).toHaveValue(currentMonth());

    // A satisfaction above 10: refused in French, nothing recorded.
    await page.getByLabel(/^Utilisateurs actifs dans le mois/).fill("12 500");
    await page.getByLabel(/^Satisfaction des utilisateurs/).fill("10,5");
    await page.getByRole("button", { name: "Enregistrer les indicateurs" }).click();
    await expect(page.getByText("La satisfaction est une note entre 0 et 10.")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel(/^Satisfaction des utilisateurs/).fill("8,2");
    await page.getByRole("button", { name: "Enregistrer les indicateurs" }).click();
    await expect(page).toHaveURL(/\?enregistre=\d{4}-\d{2}$/);
    await expect(page.getByText(/^Les indicateurs de .+ sont enregistrés\.$/)).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: /12\s500/ });
    await expect(row).toContainText("8,2 / 10");
    await expectAccessible(page);

    await page.getByRole("link", { name: PRODUCT }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(PRODUCT);
    await expect(page.getByText(/12\s500 utilisateurs actifs en .+, satisfaction 8,2 \/ 10\./)).toBeVisible();
    // Cost per active user = the certified spend shown ÷ 12 500, half-up to the cent.
    const spend = centsOf((await page.getByTestId("certified-spend").textContent()) ?? "");
    const expected = (spend * 2n + 12_500n) / 25_000n;
    const shown = centsOf((await page.getByTestId("cost-per-active-user").textContent()) ?? "");
    expect(shown).toBe(expected);
    await expectAccessible(page);
  });

  test("la DINUM voit tous les risques, les plus graves d'abord", async ({ page }) => {
    await signInAs(page, "claire.martin");
    await visit(page, "/risques");
    const severities = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    const scores = severities.map((s) => Number(/(\d+)\/16/.exec(s)?.[1]));
    expect(scores.length).toBeGreaterThan(2);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(16);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    // Filter: closed risks only.
    await page.getByLabel("Statut").selectOption({ label: "Clos" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/status=CLOSED/);
    await expect(page.getByRole("link", { name: "Retard de l'homologation de sécurité" })).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("/stats s'affiche sans connexion, et son CSV se télécharge et se relit", async ({ page }) => {
    const res = await visit(page, "/stats");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistiques");
    await expect(page.getByRole("img", { name: "Activité par trimestre" })).toBeVisible();
    await expect(
      page.locator("caption", { hasText: "Montants engagés et certifiés par mois, hors taxes" }),
    ).toBeVisible();
    await expect(page.locator("caption", { hasText: "Délais médians du cycle de commande" })).toBeVisible();
    await expect(page.locator("footer").getByRole("link", { name: "Statistiques" })).toHaveAttribute(
      "href",
      "/stats",
    );
    const shownOrders = await page
      .locator("li", { hasText: "bons de commande émis" })
      .locator("span")
      .textContent();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /Télécharger toutes les données de cette page/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^statistiques-commandes-beta-gouv-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await download.path()) as string, "utf8"));
    expect(rows[0]).toEqual(["Indicateur", "Période", "Famille d'unités d'œuvre", "Valeur", "Unité"]);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const orders = rows.find((r) => r[0] === "Bons de commande émis (total)")?.[3];
    expect(orders).toBe(shownOrders?.trim());
    expect(Number(orders)).toBeGreaterThan(0);
    // Aggregates only: no e-mail address, no risk title.
    const raw = rows.flat().join("\n");
    expect(raw).not.toContain("@");
    expect(raw).not.toContain("Départ du lead dev");

    const direct = await page.request.get("/stats/export.csv");
    expect(direct.status()).toBe(200);
    expect(direct.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  });
});
