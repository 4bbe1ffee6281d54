// DINUM journeys (claire.martin, service centralisateur): the reference data, the price
// schedules to decide, the audit trail, and the switch to her beneficiary space.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { expectNotFound, freshSiret, mainNav, uniqueSuffix } from "./support/portal";

test.describe("DINUM – claire.martin", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "claire.martin");
    await expect(page).toHaveURL(/\/espace$/);
  });

  test("voit la navigation de la DINUM et chaque page du référentiel, sans défaut d'accessibilité", async ({
    page,
  }) => {
    await visit(page, "/espace");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Claire Martin");
    await expect(page.getByText("DINUM – service centralisateur").first()).toBeVisible();

    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Mon espace" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Produits" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Tarifs" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Journal d'audit" })).toBeVisible();
    const menu = nav.getByRole("button", { name: "Référentiel" });
    await expect(menu).toBeVisible();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const name of [
      "Accord-cadre et unités d'œuvre",
      "Titulaires",
      "Bénéficiaires",
      "Personnes et habilitations",
    ]) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
    await nav.getByRole("link", { name: "Titulaires" }).click();
    await expect(page).toHaveURL(/\/referentiel\/titulaires$/);
    await expectAccessible(page);

    await visit(page, "/referentiel/accord-cadre");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accord-cadre et unités d'œuvre");
    await expect(page.getByText("21_BAM_048")).toBeVisible();

    await visit(page, "/referentiel/titulaires");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Titulaires");
    await page.getByRole("link", { name: "Coopérative Numérique Ouverte" }).click();
    await expect(page).toHaveURL(/\/referentiel\/titulaires\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Coopérative Numérique Ouverte");
    await expect(page.getByText("SIRET 851 234 567 00010")).toBeVisible();
    await expect(page.getByLabel("SIRET")).toHaveValue("85123456700010");

    await visit(page, "/referentiel/beneficiaires");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bénéficiaires");
    await expect(page.getByRole("link", { name: "Ministère du Travail et des Solidarités" })).toBeVisible();

    await visit(page, "/referentiel/personnes");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personnes");
    await page.getByRole("link", { name: "Paul Durand" }).click();
    await expect(page).toHaveURL(/\/referentiel\/personnes\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Paul Durand");

    await visit(page, "/journal");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal des modifications");

    await visit(page, "/tarifs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bordereaux de prix");
    await expect(page.getByRole("heading", { level: 2, name: "Propositions à examiner" })).toBeVisible();

    await visit(page, "/produits");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produits");
    // DINUM sees every beneficiary's products.
    for (const name of ["FranceConnect", "Code du travail numérique", "Mon espace permis"]) {
      await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    }
  });

  test("ajoute un titulaire avec un SIRET valide", async ({ page }) => {
    const name = `Titulaire e2e ${uniqueSuffix()}`;
    const siret = freshSiret();
    await visit(page, "/referentiel/titulaires");
    await page.getByRole("link", { name: "Ajouter un titulaire" }).click();
    await expect(page).toHaveURL(/\/referentiel\/titulaires\/nouveau$/);
    await expectAccessible(page);

    await page.getByLabel(/^Nom/).fill(name);
    await page.getByLabel("Sigle (facultatif)").fill("TE2E");
    await page.getByLabel("SIRET").fill(siret);
    await page.getByLabel("Adresse postale").fill("1 rue du Test\n75001 Paris");
    await page.getByRole("button", { name: "Ajouter le titulaire" }).click();

    // Created: the portal opens the new contractor's page.
    await expect(page).toHaveURL(/\/referentiel\/titulaires\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByLabel("SIRET")).toHaveValue(siret);
    await expectAccessible(page);

    // And it is in the list.
    await visit(page, `/referentiel/titulaires?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("un SIRET invalide est refusé en français et rien n'est créé", async ({ page }) => {
    const name = `Titulaire refusé ${uniqueSuffix()}`;
    await visit(page, "/referentiel/titulaires/nouveau");
    await page.getByLabel(/^Nom/).fill(name);
    // The demo's 883 456 789 00014 with a wrong key.
    await page.getByLabel("SIRET").fill("88345678900015");
    await page.getByLabel("Adresse postale").fill("1 rue du Test\n75001 Paris");
    await page.getByRole("button", { name: "Ajouter le titulaire" }).click();

    const summary = "Le formulaire contient des erreurs. Corrigez les champs signalés.";
    await expect(page.getByRole("alert").filter({ hasText: summary })).toBeVisible();
    await expect(page.locator(":focus")).toContainText(summary);
    await expect(page.getByText("Ce SIRET n'est pas valide (clé de contrôle incorrecte).")).toBeVisible();
    await expect(page).toHaveURL(/\/referentiel\/titulaires\/nouveau$/);
    // What was typed is kept next to the error.
    await expect(page.getByLabel(/^Nom/)).toHaveValue(name);
    await expectAccessible(page);

    await visit(page, `/referentiel/titulaires?q=${encodeURIComponent(name)}`);
    await expect(page.getByText("Aucun titulaire ne correspond à votre recherche.")).toBeVisible();
  });

  test("valide la proposition de prix d'Atelier Produit puis la retrouve dans le journal", async ({
    page,
  }) => {
    await visit(page, "/tarifs");
    const proposals = page.getByRole("region", { name: "Propositions à examiner" });
    await proposals.getByRole("link", { name: "Version 2 du bordereau de Atelier Produit" }).click();
    await expect(page).toHaveURL(/\/tarifs\/versions\/[0-9a-f-]{36}$/);
    const versionUrl = page.url();
    const versionId = versionUrl.split("/").pop() as string;
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Version 2 du bordereau de prix de Atelier Produit",
    );
    await expect(page.getByText("Révision annuelle des prix (indice Syntec)")).toBeVisible();

    await page.getByRole("button", { name: "Valider la version 2" }).click();
    const done = page.getByRole("status").filter({ hasText: "La version a été validée" });
    await expect(done).toBeVisible();
    await expect(page.locator(":focus")).toContainText("La version a été validée");
    await expect(page.getByText("Validée", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Refuser la version 2" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Valider la version 2" })).toHaveCount(0);
    await expect(page.getByText("Cette version entrera en vigueur le 1 janvier 2027.")).toBeVisible();
    await expectAccessible(page);

    // Reloaded: still decided, no decision form.
    await visit(page, versionUrl);
    await expect(page.getByRole("button", { name: /Refuser la version/ })).toHaveCount(0);
    await expect(page.getByText(/^par Claire Martin, le /)).toBeVisible();

    // The audit trail, filtered on that action.
    await visit(page, "/journal");
    await page.getByLabel("Action").selectOption({ label: "Validation d'une version de bordereau de prix" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/[?&]action=priceSchedule\.validate/);
    await expectAccessible(page);
    const row = page.getByRole("row").filter({ hasText: versionId });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Validation d'une version de bordereau de prix");
    await expect(row).toContainText("claire.martin");
    // Only that action is listed.
    const rows = page.locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(rows.nth(i).getByRole("rowheader")).toContainText("priceSchedule.validate");
    }

    // A refused access (an order that does not exist) is in the journal, once.
    const probed = "0f0e0d0c-0b0a-4909-8807-060504030201";
    await expectNotFound(page, `/commandes/${probed}`);
    await visit(page, "/journal");
    await page.getByLabel("Accès refusés").selectOption({ label: "Seulement les accès refusés" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/[?&]refusals=seuls/);
    await expectAccessible(page);
    const refusal = page.getByRole("row").filter({ hasText: probed });
    await expect(refusal).toHaveCount(1);
    await expect(refusal).toContainText("Accès refusé");
    await expect(refusal).toContainText("claire.martin");
    await page.getByLabel("Accès refusés").selectOption({ label: "Masquer les accès refusés" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page.getByRole("row").filter({ hasText: probed })).toHaveCount(0);
  });

  test("bascule vers son espace bénéficiaire de la DINUM", async ({ page }) => {
    await visit(page, "/espace");
    const switcher = page.getByRole("group", { name: /^Espace/ });
    const beneficiarySpace = switcher.getByRole("radio", { name: /Correspondant bénéficiaire/ });
    await expect(switcher.getByRole("radio", { name: /DINUM – service centralisateur/ })).toBeChecked();
    await switcher.getByText("Correspondant bénéficiaire").click();
    await expect(beneficiarySpace).toBeChecked();
    await page.getByRole("button", { name: "Changer d'espace" }).click();

    await expect(page.getByText("Correspondant bénéficiaire", { exact: false }).first()).toBeVisible();
    await expect(page.getByText(/avec le rôle «\s*Correspondant bénéficiaire\s*»/)).toBeVisible();
    await expectAccessible(page);
    await expectBeneficiaryNav(page);

    // The beneficiary space really applies: the reference data is closed.
    const res = await page.goto("/referentiel/titulaires");
    expect(res?.status()).toBe(404);
    await expectAccessible(page);

    // And back to the DINUM space.
    await visit(page, "/espace");
    await page
      .getByRole("group", { name: /^Espace/ })
      .getByText("DINUM – service centralisateur")
      .click();
    await expect(page.getByRole("radio", { name: /DINUM – service centralisateur/ })).toBeChecked();
    await page.getByRole("button", { name: "Changer d'espace" }).click();
    await expect(page.getByText(/avec le rôle «\s*DINUM – service centralisateur\s*»/)).toBeVisible();
    await expect(mainNav(page).getByRole("button", { name: "Référentiel" })).toBeVisible();
    await expectAccessible(page);
  });
});

async function expectBeneficiaryNav(page: Page) {
  const nav = mainNav(page);
  await expect(nav.getByRole("link", { name: "Mon espace" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Produits" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Tarifs" })).toBeVisible();
  await expect(nav.getByRole("button", { name: "Référentiel" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
}
