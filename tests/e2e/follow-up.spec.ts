// Follow-up journeys on the demo data. sophie.bernard (Ministère de l'Intérieur) reads her
// scope, filters it, and opens the follow-up of the closed order of Signalement des
// nuisances, whose figures are fixed forever (closed: nobody reports, certifies or pays on it
// any more), so they are asserted as known demo figures. paul.durand reads the follow-up of
// Code du travail numérique, the largest demo order, which other journeys may move on: its
// figures are checked against each other and against the order page. Axe on every page.
import { expect, type Locator, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { expectNotFound, navLink } from "./support/portal";

/** French number as shown ("1 404,5", "348 615,00 €") → number (display check only). */
function num(text: string): number {
  return Number(text.replace(/[\s\u202f\u00a0€j]/g, "").replace(",", "."));
}

/** The [days, euros] cells of a row of a figures table. */
async function figureRow(table: Locator, row: string): Promise<[string, string]> {
  const cells = table.locator(`tr[data-row="${row}"] td`);
  return [
    ((await cells.nth(0).textContent()) ?? "").trim(),
    ((await cells.nth(1).textContent()) ?? "").trim(),
  ];
}

async function expectFigures(table: Locator, expected: Record<string, [string, string]>) {
  for (const [row, [days, euros]] of Object.entries(expected)) {
    const [d, e] = await figureRow(table, row);
    if (days === "—") expect(d, `${row} (jours)`).toBe("—");
    else expect(num(d), `${row} (jours)`).toBe(num(days));
    expect(num(e), `${row} (euros)`).toBe(num(euros));
  }
}

test.describe.configure({ mode: "serial" });

let closedOrderFollowUp = "";

test.describe("Suivi – commandé, réalisé, certifié, facturé, payé, reste", () => {
  test("sophie.bernard voit le suivi de son ministère et le filtre", async ({ page }) => {
    await signInAs(page, "sophie.bernard");
    await (await navLink(page, "Suivi")).click();
    await expect(page).toHaveURL(/\/suivi$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suivi");

    // The totals add up: remaining = ordered − validated, to certify = validated − certified.
    const totals = page.getByTestId("scope-follow-up");
    const [od, oe] = await figureRow(totals, "ordered");
    const [vd, ve] = await figureRow(totals, "validated");
    const [cd] = await figureRow(totals, "certified");
    const [rd, re] = await figureRow(totals, "remaining");
    const [td] = await figureRow(totals, "toCertify");
    expect(num(rd)).toBeCloseTo(num(od) - num(vd), 1);
    expect(num(re)).toBeCloseTo(num(oe) - num(ve), 2);
    expect(num(td)).toBeCloseTo(num(vd) - num(cd), 1);

    // Only the ministry's orders: Mon espace permis and Signalement des nuisances (the
    // cancelled one commits nothing and is not listed).
    const orders = page.getByTestId("follow-up-orders");
    const closed = orders.locator('tr[data-order="BDC-2024-0001"]');
    await expect(closed).toContainText("Signalement des nuisances");
    await expect(closed).toContainText(/800\sj/);
    await expect(closed).toContainText(/450\s000,00\s€/);
    await expect(closed).toContainText(/622\sj/);
    await expect(closed).toContainText(/348\s615,00\s€/);
    await expect(orders.locator("tbody")).not.toContainText("Code du travail numérique");
    await expect(orders.locator("tbody")).not.toContainText("Annuaire des entreprises");
    // The footer sums every order: the same as the overview (no filter).
    await expect(orders.locator("tfoot")).toContainText(oe);

    await page.getByLabel("Statut").selectOption({ label: "Clôturé" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/status=CLOSED/);
    await expectAccessible(page);
    await expect(orders.locator("tbody tr")).toHaveCount(1);
    // The overview still shows the whole scope.
    expect(await figureRow(totals, "ordered")).toEqual([od, oe]);

    await orders.getByRole("link", { name: /BDC-2024-0001/ }).click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}\/suivi$/);
    closedOrderFollowUp = new URL(page.url()).pathname;
  });

  test("sophie.bernard ouvre le suivi du bon de commande clôturé : les chiffres de la démonstration", async ({
    page,
  }) => {
    await signInAs(page, "sophie.bernard");
    await visit(page, closedOrderFollowUp);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Suivi du bon de commande n° BDC-2024-0001",
    );
    await expect(page.getByText("Les travaux de ce bon de commande sont terminés")).toBeVisible();
    // 20 UO Devops confirmé + 10 Design confirmé + 10 PM junior at Atelier Produit's prices;
    // 622 days done over the year, all certified, invoiced and paid.
    await expectFigures(page.getByTestId("order-follow-up"), {
      ordered: ["800", "450 000,00 €"],
      validated: ["622", "348 615,00 €"],
      certified: ["622", "348 615,00 €"],
      invoiced: ["—", "348 615,00 €"],
      paid: ["—", "348 615,00 €"],
      remaining: ["178", "101 385,00 €"],
      toCertify: ["0", "0,00 €"],
    });
    await expect(page.getByTestId("line-follow-up").locator("tbody tr")).toHaveCount(3);

    // The chart is hidden from assistive technologies; its table carries the values.
    await expect(page.getByTestId("commande-consommation-svg")).toHaveAttribute("aria-hidden", "true");
    const data = page.locator("#commande-consommation-donnees");
    await expect(data.locator("caption")).toHaveText(
      "Consommation mois par mois pour le bon de commande BDC-2024-0001",
    );
    await expect(data.locator("tbody tr")).toHaveCount(12);
    await expect(data.locator("tbody tr").first().locator("th")).toHaveText("mai 2024");
    const last = data.locator("tbody tr").last();
    await expect(last.locator("th")).toHaveText("avril 2025");
    await expect(last.locator("td").nth(1)).toHaveText("178");
    await expect(last.locator("td").nth(2)).toHaveText("622");

    // From the order page, the "Suivi" link leads here.
    await page.getByRole("link", { name: "Retour au bon de commande" }).click();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Suivi", exact: true }).last().click();
    await expect(page).toHaveURL(new RegExp(`${closedOrderFollowUp}$`));

    // The product page has its follow-up section too.
    await page.getByRole("link", { name: "Signalement des nuisances" }).first().click();
    await expect(page).toHaveURL(/\/produits\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { name: "Suivi des commandes" })).toBeVisible();
    await expectFigures(page.getByTestId("product-follow-up"), {
      ordered: ["800", "450 000,00 €"],
      validated: ["622", "348 615,00 €"],
      paid: ["—", "348 615,00 €"],
    });
  });

  test("paul.durand suit Code du travail numérique, et pas les commandes d'un autre ministère", async ({
    page,
  }) => {
    await signInAs(page, "paul.durand");
    await visit(page, "/suivi");
    const row = page.getByTestId("follow-up-orders").locator('tr[data-order="BDC-2026-0001"]');
    await expect(row).toContainText("Code du travail numérique");
    await expect(row).toContainText("Coopérative Numérique Ouverte");
    const href = (await row.getByRole("link", { name: /BDC-2026-0001/ }).getAttribute("href")) ?? "";
    const orderPath = href.replace(/\/suivi$/, "");

    // The order page's total HT is what the follow-up calls ordered (no corrective order).
    await visit(page, orderPath);
    const totalHt = (
      (await page.locator("tfoot tr").first().locator("td").first().textContent()) ?? ""
    ).trim();

    // The largest demo order (4 lines, 9 months of reports, 3 service-fait records): timed.
    const t0 = Date.now();
    await page.getByRole("link", { name: "Suivi", exact: true }).last().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Suivi du bon de commande n° BDC-2026-0001",
    );
    const ms = Date.now() - t0;
    test.info().annotations.push({ type: "suivi BDC-2026-0001 (ms)", description: String(ms) });
    console.log(`Suivi de BDC-2026-0001 affiché en ${ms} ms`);
    await expectAccessible(page);

    const figures = page.getByTestId("order-follow-up");
    const [od, oe] = await figureRow(figures, "ordered");
    const [vd, ve] = await figureRow(figures, "validated");
    const [rd, re] = await figureRow(figures, "remaining");
    expect(num(oe)).toBe(num(totalHt));
    expect(num(od)).toBe(900);
    expect(num(rd)).toBeCloseTo(num(od) - num(vd), 1);
    expect(num(re)).toBeCloseTo(num(oe) - num(ve), 2);
    await expect(page.getByText(/Date d'épuisement au rythme actuel/)).toBeVisible();
    // The réfaction of the summer is shown, and certified is net of it.
    await expect(page.getByText(/Réfactions décidées sur ce bon de commande/)).toBeVisible();
    await expect(page.getByTestId("line-follow-up").locator("tbody tr")).toHaveCount(4);
    // Each line's burn-down is one click away, with its table.
    await page.getByText(/^Devops – Senior :/).click();
    await expect(page.locator("#ligne-2-donnees caption")).toBeVisible();

    // Another ministry's order: not found, nothing revealed.
    await expectNotFound(page, closedOrderFollowUp);
  });

  test("lea.moreau (titulaire) ne suit que les commandes adressées à sa société", async ({ page }) => {
    await signInAs(page, "lea.moreau");
    await visit(page, "/suivi");
    const orders = page.getByTestId("follow-up-orders");
    await expect(orders.locator('tr[data-order="BDC-2026-0001"]')).toBeVisible();
    await expect(orders.locator('tr[data-order="BDC-2024-0001"]')).toHaveCount(0);
    await expect(orders.getByRole("columnheader", { name: "Titulaire" })).toHaveCount(0);
    await expectNotFound(page, closedOrderFollowUp);
  });
});
