import { expect, test } from "@playwright/test";
import { visit } from "./support/axe";

test.describe("pages publiques", () => {
  for (const [path, heading] of [
    ["/", /bons de commande|Commandes beta\.gouv/i],
    ["/accessibilite", /accessibilité/i],
    ["/mentions-legales", /mentions légales/i],
    ["/donnees-personnelles", /données personnelles/i],
    ["/connexion", /se connecter/i],
  ] as const) {
    test(`${path} s'affiche sans connexion et sans défaut d'accessibilité`, async ({ page }) => {
      const res = await visit(page, path);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      await expect(page.locator("footer")).toContainText(/accessibilité/i);
    });
  }

  test("une page inconnue affiche la page 404 du DSFR", async ({ page }) => {
    const res = await visit(page, "/cette-page-n-existe-pas");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/page non trouvée/i);
  });

  for (const path of ["/espace", "/produits", "/tarifs", "/referentiel/titulaires", "/journal"]) {
    test(`${path} renvoie vers la connexion quand on n'est pas connecté`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
    });
  }
});
