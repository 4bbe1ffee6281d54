// Small helpers shared by the role journeys: the header's main navigation, the 404 page,
// unique test data (names, valid SIRETs) and dates relative to today.
import { expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";

/** The header's main navigation (DSFR: "Menu principal"). */
export function mainNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Menu principal" });
}

/**
 * A link of the main navigation, made visible: when it sits in a menu ("Exécution",
 * "Équipe"…), the menu is opened first, as a person would.
 */
export async function navLink(page: Page, name: string): Promise<Locator> {
  const nav = mainNav(page);
  const link = nav.getByRole("link", { name, exact: true, includeHidden: true });
  if (!(await link.isVisible())) {
    // The inner locator of `has` is matched inside each item, so it starts from the page.
    const inner = page.getByRole("link", { name, exact: true, includeHidden: true });
    const item = nav.locator("li.fr-nav__item").filter({ has: inner });
    await item.getByRole("button").first().click();
  }
  await expect(link).toBeVisible();
  return link;
}

/** Goes to a page the person must not see: the DSFR 404 page, with status 404 and no axe violation. */
export async function expectNotFound(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), `statut HTTP de ${path}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
  await expectAccessible(page);
}

/** A short suffix that makes names unique across runs and tests. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** A fresh SIRET whose Luhn key is valid (never a La Poste one: first digit 9). */
export function freshSiret(): string {
  const body = `9${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  let sum = 0;
  // Positions counted from the right, the check digit being position 0.
  for (let i = 1; i <= 13; i++) {
    let n = Number(body[13 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/**
 * Today in Paris (the portal's "today") plus `days` calendar days, as YYYY-MM-DD. The days
 * are added to the calendar date, not as 24-hour steps: near midnight, 45 × 24 h back
 * across the October clock change lands on the wrong day.
 */
export function isoDaysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
