// Who gets in and who gets out: people without an active access, signing out, and a
// callback URL that tries to send the person off the portal after sign-in.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";

async function expectAccessRefused(page: Page) {
  await expect(page).toHaveURL(/\/acces-refuse$/);
  await expectAccessible(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accès refusé");
  await expect(page.getByText(/vous n'avez pas d'accès actif à ce portail/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Que faire ?" })).toBeVisible();
  // No signed-in navigation.
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toHaveCount(0);
}

async function expectSignedOut(page: Page) {
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fespace$/);
  await expectAccessible(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");
}

test.describe("accès au portail", () => {
  for (const [login, who] of [
    ["inconnu", "une personne sans compte"],
    ["marc.ancien", "un compte désactivé"],
  ] as const) {
    test(`${who} (${login}) arrive sur « accès refusé » et n'entre pas dans l'espace`, async ({ page }) => {
      await signInAs(page, login);
      await expectAccessRefused(page);
      await visit(page, "/acces-refuse");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accès refusé");

      await expectSignedOut(page);
      for (const path of ["/produits", "/tarifs", "/journal"]) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
      }
    });
  }

  test("se déconnecter met fin à la session", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await expect(page).toHaveURL(/\/espace$/);
    await visit(page, "/produits");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produits");

    await page.getByRole("button", { name: "Se déconnecter" }).first().click();
    await page.waitForURL((u) => u.pathname === "/");
    await expectAccessible(page);
    await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);

    await expectSignedOut(page);
    await page.goto("/produits");
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fproduits$/);
  });

  test("une fois connecté, on revient à la page demandée avant la connexion", async ({ page }) => {
    await page.goto("/tarifs");
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Ftarifs$/);
    await signInAs(page, "paul.durand", { callbackPath: "/tarifs" });
    await expect(page).toHaveURL(/\/tarifs$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bordereaux de prix");
  });

  for (const target of ["//evil.example", "https://evil.example/espace", "/\\evil.example"]) {
    test(`un callbackUrl « ${target} » garde la personne sur le portail`, async ({ page }) => {
      await visit(page, `/connexion?callbackUrl=${encodeURIComponent(target)}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");

      const portalOrigin = new URL(page.url()).origin;
      await signInAs(page, "paul.durand", { callbackPath: target });
      expect(new URL(page.url()).origin).toBe(portalOrigin);
      await expect(page).toHaveURL(/\/espace$/);
      await expectAccessible(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Paul Durand");
    });
  }
});
