// Beneficiary journeys (paul.durand, Ministère du Travail et des Solidarités): his own
// organisation's products only, a new Startup d'État and its phases; everything else is 404.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { expectNotFound, isoDaysFromToday, mainNav, uniqueSuffix } from "./support/portal";

test.describe("Bénéficiaire – paul.durand (Ministère du Travail)", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "paul.durand");
    await expect(page).toHaveURL(/\/espace$/);
  });

  test("ne voit que la navigation d'un bénéficiaire", async ({ page }) => {
    await visit(page, "/espace");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Paul Durand");
    await expect(page.getByText(/avec le rôle «\s*Correspondant bénéficiaire\s*»/)).toBeVisible();
    await expect(page.getByText("Ministère du Travail et des Solidarités").first()).toBeVisible();
    // A single membership: nothing to switch.
    await expect(page.getByRole("heading", { name: "Changer d'espace" })).toHaveCount(0);

    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Mon espace" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Produits" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Tarifs" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Référentiel" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Titulaires|Personnes et habilitations/ })).toHaveCount(0);

    await visit(page, "/tarifs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bordereaux de prix");
    await expect(page.getByRole("heading", { name: "Propositions à examiner" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Proposer une nouvelle version" })).toHaveCount(0);
  });

  test("ne voit que les produits de son ministère", async ({ page }) => {
    await visit(page, "/produits");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produits");
    await expect(page.getByText(/Les produits de votre organisation \(Ministère du Travail/)).toBeVisible();
    for (const name of ["Code du travail numérique", "Carnet de bord"]) {
      await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    }
    for (const name of [
      "FranceConnect",
      "Mon espace permis",
      "Annuaire des entreprises",
      "Aides-territoires",
    ]) {
      await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
    }
    // Every listed product belongs to his ministry (other tests may add some).
    const owners = page.locator("tbody tr td:nth-child(2)");
    const n = await owners.count();
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < n; i++) {
      await expect(owners.nth(i)).toHaveText("Ministère du Travail et des Solidarités");
    }

    // Searching another ministry's product finds nothing.
    await visit(page, "/produits?q=FranceConnect");
    await expect(page.getByText("Aucun produit ne correspond à votre recherche.")).toBeVisible();

    await visit(page, "/produits");
    await page.getByRole("link", { name: "Code du travail numérique" }).click();
    await expect(page).toHaveURL(/\/produits\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Code du travail numérique");
  });

  test("ajoute une Startup d'État puis démarre sa première phase", async ({ page }) => {
    const name = `Startup e2e ${uniqueSuffix()}`;
    await visit(page, "/produits");
    await page.getByRole("link", { name: "Ajouter un produit" }).click();
    await expect(page).toHaveURL(/\/produits\/nouveau$/);
    await expectAccessible(page);
    await expect(page.getByText(/rattaché à votre organisation : Ministère du Travail/)).toBeVisible();

    // Only DINUM's products may be something else than a Startup d'État; no owner choice.
    const kind = page.getByLabel("Type de produit");
    await expect(kind.locator("option")).toHaveText(["Startup d'État"]);
    await expect(kind).toHaveValue("STARTUP_ETAT");
    await expect(page.getByLabel("Bénéficiaire à qui appartient le produit")).toHaveCount(0);

    await page.getByLabel("Nom du produit").fill(name);
    await page.getByLabel("Incubateur (facultatif)").fill("Fabrique numérique des ministères sociaux");
    await page.getByLabel("Description (facultatif)").fill("Produit créé par un test de bout en bout.");
    await page.getByRole("button", { name: "Ajouter le produit" }).click();

    await expect(page).toHaveURL(/\/produits\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText("Ministère du Travail et des Solidarités", { exact: true })).toBeVisible();
    await expect(page.getByText("Aucune phase enregistrée pour ce produit.")).toBeVisible();
    await expectAccessible(page);

    // A first phase: investigation, from today.
    const phaseForm = page.getByRole("region", { name: "Démarrer une nouvelle phase" });
    await phaseForm
      .getByRole("combobox", { name: /^Nouvelle phase/ })
      .selectOption({ label: "Investigation" });
    await phaseForm.getByLabel(/^Date de début/).fill(isoDaysFromToday(0));
    await phaseForm.getByLabel(/^Commentaire \(facultatif\)/).fill("Lancement décidé en comité.");
    await phaseForm.getByRole("button", { name: "Démarrer la nouvelle phase" }).click();
    const done = page.getByRole("status").filter({ hasText: "La nouvelle phase a été enregistrée." });
    await expect(done).toBeVisible();
    await expect(page.locator(":focus")).toContainText("La nouvelle phase a été enregistrée.");
    const history = page.getByRole("table", { name: /Phases de/ });
    await expect(history.getByRole("row", { name: /Investigation/ })).toContainText("En cours");
    await expect(history).toContainText("Lancement décidé en comité.");
    await expectAccessible(page);

    // Listed with his products.
    await visit(page, `/produits?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("les pages de la DINUM affichent la page 404", async ({ page }) => {
    for (const path of [
      "/referentiel/titulaires",
      "/referentiel/personnes",
      "/journal",
      "/referentiel/titulaires/nouveau",
      "/tarifs/proposer",
    ]) {
      await expectNotFound(page, path);
    }
  });

  test("le produit d'un autre ministère affiche la page 404", async ({ page, browser }) => {
    // Sophie (Intérieur) opens her product in her own browser context; its URL is the target.
    const sophieContext = await browser.newContext();
    let foreignPath: string;
    try {
      const sophie = await sophieContext.newPage();
      await signInAs(sophie, "sophie.bernard");
      await visit(sophie, "/produits");
      await sophie.getByRole("link", { name: "Mon espace permis" }).click();
      await expect(sophie).toHaveURL(/\/produits\/[0-9a-f-]{36}$/);
      await expect(sophie.getByRole("heading", { level: 1 })).toHaveText("Mon espace permis");
      await expectAccessible(sophie);
      foreignPath = new URL(sophie.url()).pathname;
    } finally {
      await sophieContext.close();
    }

    await expectNotFound(page, foreignPath);
    await expect(page.getByText("Mon espace permis")).toHaveCount(0);
  });
});
