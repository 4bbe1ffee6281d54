// A tampered OpenID Connect callback never creates a session: wrong or missing `state`,
// and a replayed authorization code.
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";

/**
 * Browsers follow redirects without Playwright seeing them, so the test breaks the chain:
 * the provider's answer to the login form (a redirect to its resume URL) is replaced by a
 * page that navigates there itself; that navigation can be intercepted, and its answer (the
 * redirect to the portal's callback) is tampered with before the browser follows it —
 * exactly what an attacker controlling the callback URL could send.
 */
async function tamperCallback(page: Page, tamper: (u: URL) => void) {
  await page.route(/\/interaction\/[^/]+\/login$/, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const resume = new URL(response.headers().location ?? "", route.request().url()).toString();
    const cookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value)
      .join("\n");
    await route.fulfill({
      status: 200,
      headers: { "content-type": "text/html", ...(cookies ? { "set-cookie": cookies } : {}) },
      body: `<!doctype html><html lang="fr"><title>Redirection</title><script>location.href=${JSON.stringify(resume)}</script></html>`,
    });
  });
  // The provider's resume URL (the portal's own /api/auth/* must not match).
  await page.route(/^http:\/\/127\.0\.0\.1:\d+\/auth\/[^/?]+$/, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location ?? "";
    expect(location).toContain("/api/auth/callback/proconnect");
    const url = new URL(location);
    tamper(url);
    await route.fulfill({ status: 303, headers: { location: url.toString() } });
  });
}

async function loginAtProvider(page: Page, login: string) {
  await page.goto("/connexion");
  await page.getByRole("button", { name: /ProConnect/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("mot-de-passe");
  await page.locator("button[type=submit]").click();
}

async function expectSignedOut(page: Page) {
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
}

for (const [label, tamper] of [
  ["un state modifié", (u: URL) => u.searchParams.set("state", "state-forge-par-un-attaquant")],
  ["un state absent", (u: URL) => u.searchParams.delete("state")],
] as const) {
  test(`un retour de ProConnect avec ${label} ne crée aucune session`, async ({ page }) => {
    await tamperCallback(page, tamper);
    await loginAtProvider(page, "paul.durand");
    await page.waitForURL(/\/connexion\?.*error=/);
    // (Next.js also renders an empty role="alert" route announcer: match the message.)
    await expect(page.getByRole("alert").filter({ hasText: /connexion/i })).toBeVisible();
    await expectAccessible(page);
    await expectSignedOut(page);
  });
}

test("un code d'autorisation rejoué après déconnexion ne crée aucune session", async ({ page }) => {
  let callbackUrl = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/proconnect?")) callbackUrl = r.url();
  });
  await loginAtProvider(page, "paul.durand");
  await page.waitForURL(/\/espace/);
  expect(callbackUrl).toContain("code=");
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.waitForURL((u) => u.pathname === "/");
  await page.goto(callbackUrl);
  await expect(page).toHaveURL(/\/connexion/);
  await expectSignedOut(page);
});
