// Signs in through the real flow: the portal's ProConnect button, the local OpenID
// provider's login form (oidc/server.mjs: any password), then back to the portal.
import { expect, type Page } from "@playwright/test";

export async function signInAs(page: Page, login: string, opts: { callbackPath?: string } = {}) {
  const path = opts.callbackPath
    ? `/connexion?callbackUrl=${encodeURIComponent(opts.callbackPath)}`
    : "/connexion";
  await page.goto(path);
  const portalOrigin = new URL(page.url()).origin;

  await page.getByRole("button", { name: /ProConnect/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("mot-de-passe-de-test");
  await page.locator("button[type=submit]").click();

  // The local provider grants consent by itself; should a consent step ever show, accept it.
  const consent = page.locator(
    'button[type=submit]:has-text("Autoriser"), button[type=submit]:has-text("Continue")',
  );
  await page.waitForURL((url) => url.origin === portalOrigin || url.pathname.includes("/interaction/"));
  if (new URL(page.url()).origin !== portalOrigin && (await consent.count()) > 0) {
    await consent.first().click();
  }
  await page.waitForURL((url) => url.origin === portalOrigin && !url.pathname.startsWith("/api/auth/"));
  await expect(page.locator("body")).toBeVisible();
}
