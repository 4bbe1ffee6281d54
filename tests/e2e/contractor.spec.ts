// Contractor journeys (lea.moreau, Coopérative Numérique Ouverte): her price schedule, a new
// version proposed to DINUM, a refused bad price, and another contractor's proposal closed.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { expectNotFound, isoDaysFromToday, mainNav, uniqueSuffix } from "./support/portal";

/** A future effective date inside the agreement (which ends on 31 December 2027). */
function futureEffectiveOn(): string {
  const candidate = isoDaysFromToday(45);
  return candidate < "2027-12-31" ? candidate : "2027-12-31";
}

async function countVersions(page: Page): Promise<number> {
  await visit(page, "/tarifs");
  const caption = await page.getByRole("region", { name: "Mes versions" }).locator("caption").textContent();
  const match = /\((\d+)\)/.exec(caption ?? "");
  expect(match, `légende de la liste des versions : ${caption}`).not.toBeNull();
  return Number(match?.[1]);
}

test.describe("Titulaire – lea.moreau (Coopérative Numérique Ouverte)", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "lea.moreau");
    await expect(page).toHaveURL(/\/espace$/);
  });

  test("voit les tarifs de son entreprise", async ({ page }) => {
    await visit(page, "/espace");
    await expect(page.getByText(/avec le rôle «\s*Correspondant titulaire\s*»/)).toBeVisible();
    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Tarifs" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Référentiel" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);

    await nav.getByRole("link", { name: "Tarifs" }).click();
    await expect(page).toHaveURL(/\/tarifs$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 2, name: "Mes versions" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Propositions à examiner" })).toHaveCount(0);
    // Her own versions only: no other contractor's (their prices in force are public).
    const mine = page.getByRole("region", { name: "Mes versions" });
    await expect(
      mine.getByRole("link", { name: "Version 1 du bordereau de Coopérative Numérique Ouverte" }),
    ).toBeVisible();
    await expect(
      mine.getByRole("link", { name: /du bordereau de (?!Coopérative Numérique Ouverte)/ }),
    ).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Version 2 du bordereau de Atelier Produit" })).toHaveCount(
      0,
    );
  });

  test("propose une nouvelle version de son bordereau de prix", async ({ page }) => {
    const comment = `Révision e2e ${uniqueSuffix()}`;
    const effectiveOn = futureEffectiveOn();
    await visit(page, "/tarifs");
    await page.getByRole("link", { name: "Proposer une nouvelle version" }).click();
    await expect(page).toHaveURL(/\/tarifs\/proposer$/);
    await expectAccessible(page);
    await expect(page.getByText(/Bordereau de Coopérative Numérique Ouverte\./)).toBeVisible();

    // Prefilled with the prices in force (version 1: Devops – Junior at 8 800 € HT).
    const devopsJunior = page.getByLabel("Nouveau prix HT pour « Devops – Junior », en euros");
    await expect(devopsJunior).toHaveValue("8800,00");
    await expect(page.getByLabel("Nouveau prix HT pour « Product Management », en euros")).toHaveValue(
      "12800,00",
    );
    await devopsJunior.fill("9 000,00");
    await page.getByLabel("Date d'effet").fill(effectiveOn);
    await page.getByLabel("Commentaire pour la DINUM (facultatif)").fill(comment);
    await page.getByRole("button", { name: "Envoyer la proposition à la DINUM" }).click();

    await expect(page).toHaveURL(/\/tarifs\/versions\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      "du bordereau de prix de Coopérative Numérique Ouverte",
    );
    await expect(page.getByText(comment)).toBeVisible();
    await expect(page.getByText("À examiner", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("row", { name: /Devops – Junior/ })).toContainText(/9\s000,00\s€/);
    // A contractor never decides.
    await expect(page.getByRole("button", { name: /Valider la version|Refuser la version/ })).toHaveCount(0);
    await expectAccessible(page);
    const number = /Version (\d+) du bordereau/.exec(
      (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
    )?.[1];
    expect(number).toBeDefined();

    // Listed among her versions, as proposed.
    await visit(page, "/tarifs?statut=PROPOSED");
    const row = page.getByRole("row", {
      name: new RegExp(`Version ${number} du bordereau de Coopérative Numérique Ouverte`),
    });
    await expect(row).toBeVisible();
    await expect(row).toContainText("À examiner");
  });

  for (const bad of ["0", "abc"]) {
    test(`un prix « ${bad} » est refusé en français et rien n'est enregistré`, async ({ page }) => {
      const before = await countVersions(page);
      await visit(page, "/tarifs/proposer");
      await page.getByLabel("Date d'effet").fill(futureEffectiveOn());
      const field = page.getByLabel("Nouveau prix HT pour « Design – Junior », en euros");
      await field.fill(bad);
      await page.getByRole("button", { name: "Envoyer la proposition à la DINUM" }).click();

      const summary = "Le formulaire contient des erreurs. Corrigez les champs signalés.";
      await expect(page.getByRole("alert").filter({ hasText: summary })).toBeVisible();
      await expect(page.locator(":focus")).toContainText(summary);
      await expect(
        page.getByText(
          bad === "0" ? "Le prix doit être supérieur à zéro." : /Le prix doit être un montant en euros/,
        ),
      ).toBeVisible();
      await expect(page).toHaveURL(/\/tarifs\/proposer$/);
      await expect(field).toHaveValue(bad);
      await expectAccessible(page);

      expect(await countVersions(page)).toBe(before);
    });
  }

  test("ne peut pas ouvrir la proposition d'un autre titulaire", async ({ page, browser }) => {
    // A DINUM agent, in another browser, finds Atelier Produit's version 2 (decided or not).
    const dinumContext = await browser.newContext();
    let foreignPath: string;
    try {
      const claire = await dinumContext.newPage();
      await signInAs(claire, "claire.martin");
      await visit(claire, "/tarifs");
      await claire
        .getByRole("region", { name: "Toutes les versions" })
        .getByRole("link", { name: "Version 2 du bordereau de Atelier Produit" })
        .click();
      await expect(claire).toHaveURL(/\/tarifs\/versions\/[0-9a-f-]{36}$/);
      await expect(claire.getByRole("heading", { level: 1 })).toHaveText(
        "Version 2 du bordereau de prix de Atelier Produit",
      );
      await expectAccessible(claire);
      foreignPath = new URL(claire.url()).pathname;
    } finally {
      await dinumContext.close();
    }

    await expectNotFound(page, foreignPath);
    await expect(page.getByText("Atelier Produit")).toHaveCount(0);
  });
});
