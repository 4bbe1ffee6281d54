// Monthly activity report journey across roles, on the demo data: hugo.lefebvre (Atelier
// Produit) fills October 2026 for the order "Carnet de bord" — staffed with Lucas Morel
// (Product Management) and Zoé Renard (Design), no report yet (prisma/seed/demo-activity.ts) —
// and submits it; paul.durand (Ministère du Travail) rejects it with a reason, which hugo
// receives by mail; hugo corrects and resubmits; paul validates; hugo starts a correction of
// the validated month. The tests run in order and share the report.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";
import { navLink } from "./support/portal";

const HUGO_EMAIL = "hugo.lefebvre@atelier-produit.example";
const PRODUCT = "Carnet de bord";
const MONTH = "2026-10";
const REASON = "Il manque les activités de la semaine 42 et Lucas était en congé le 30 octobre.";

/** The work-queue row of the journey's month. */
function queueRow(page: Page) {
  return page.getByRole("row").filter({ hasText: PRODUCT }).filter({ hasText: "octobre 2026" });
}

test.describe.configure({ mode: "serial" });

test.describe("Comptes rendus d'activité – saisie, rejet, correction, validation", () => {
  let monthUrl = "";
  let orderUrl = "";

  test("hugo.lefebvre remplit le mois d'octobre et le soumet", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await (await navLink(page, "Comptes rendus")).click();
    await expect(page).toHaveURL(/\/comptes-rendus$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comptes rendus d'activité");
    const row = queueRow(page);
    await expect(row.getByText("À rédiger")).toBeVisible();

    // From the order: its "Activité" page lists the months of its period.
    await row.getByRole("link", { name: /^BDC-/ }).click();
    await expectAccessible(page);
    orderUrl = new URL(page.url()).pathname;
    await page.getByRole("link", { name: "Activité", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${orderUrl}/activite$`));
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Activité du bon de commande BDC-/);
    await page.getByRole("link", { name: "Octobre 2026" }).click();
    await expect(page).toHaveURL(new RegExp(`${orderUrl}/activite/${MONTH}$`));
    monthUrl = new URL(page.url()).pathname;
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Compte rendu d'activité – octobre 2026",
    );
    await expect(page.getByText("22 jours", { exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /non facturables/ })).toHaveCount(0);

    // More days than October's working days: refused, linked to the field, nothing saved.
    await page.getByLabel("Jours facturables de Lucas Morel").fill("25");
    await page.getByLabel("Jours facturables de Zoé Renard").fill("15.5");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const message =
      "Lucas Morel : 25 jours déclarés, mais la période d'affectation ne compte que 22 jours ouvrés en octobre 2026.";
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByRole("link", { name: "Jours facturables de Lucas Morel" })).toBeVisible();
    const field = page.getByLabel("Jours facturables de Lucas Morel");
    await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.()]/g, "\\$&")));
    await page.getByRole("link", { name: "Jours facturables de Lucas Morel" }).click();
    await expect(field).toBeFocused();
    await expect(page.getByLabel("Jours facturables de Zoé Renard")).toHaveValue("15.5");
    await expectAccessible(page);

    await field.fill("20");
    await page.getByLabel("Activités opérationnelles du mois").fill("Refonte du simulateur de préavis.");
    await page.getByRole("button", { name: "Soumettre au bénéficiaire" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?fait=soumis$`));
    await expect(
      page.getByText("Le compte rendu de octobre 2026 a été soumis au bénéficiaire", { exact: false }),
    ).toBeVisible();
    await expect(page.getByText("Soumis, à valider").first()).toBeVisible();
    await expect(page.getByLabel("Jours facturables de Lucas Morel")).toHaveCount(0);
    await expectAccessible(page);
  });

  test("paul.durand rejette le compte rendu avec un motif ; hugo.lefebvre le reçoit par courriel", async ({
    page,
  }) => {
    await signInAs(page, "paul.durand");
    await visit(page, "/comptes-rendus");
    const row = queueRow(page);
    await expect(row.getByText("Soumis, à valider")).toBeVisible();
    await row.getByRole("link", { name: /^Examiner/ }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}$`));
    await expectAccessible(page);
    // Read only for the beneficiary.
    await expect(page.getByLabel("Jours facturables de Lucas Morel")).toHaveCount(0);
    const camille = page.getByRole("row", { name: /Lucas Morel/ });
    await expect(camille.getByRole("cell", { name: "20", exact: true })).toBeVisible();
    await expect(
      page.getByRole("row", { name: /Zoé Renard/ }).getByRole("cell", { name: "15,5" }),
    ).toBeVisible();

    // A reason is required.
    await page.getByRole("button", { name: "Rejeter" }).click();
    await expect(page.getByText("Le motif du rejet est obligatoire.").first()).toBeVisible();
    await expectAccessible(page);

    const since = new Date(Date.now() - 1000);
    await page.getByLabel(/^Motif du rejet/).fill(REASON);
    await page.getByRole("button", { name: "Rejeter" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?fait=rejete$`));
    await expect(page.getByText("Rejeté, à corriger").first()).toBeVisible();
    await expect(page.getByText(REASON)).toBeVisible();
    await expect(page.getByRole("button", { name: "Valider" })).toHaveCount(0);
    await expectAccessible(page);

    const mail = await waitForMail({ to: HUGO_EMAIL, subject: /compte rendu d'activité rejeté/, since });
    expect(mail.subject).toContain("octobre 2026");
    expect(mail.text).toContain(`> ${REASON}`);
    expect(mail.text).toContain(`${monthUrl}`);
  });

  test("hugo.lefebvre corrige et soumet de nouveau", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await visit(page, "/comptes-rendus");
    const row = queueRow(page);
    await expect(row.getByText("Rejeté, à corriger")).toBeVisible();
    await row.getByRole("link", { name: /^Corriger/ }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}$`));
    await expectAccessible(page);
    await expect(page.getByText(REASON)).toBeVisible();
    await expect(page.getByLabel("Jours facturables de Lucas Morel")).toHaveValue("20");
    await page.getByLabel("Jours facturables de Lucas Morel").fill("19.5");
    await page
      .getByLabel("Activités opérationnelles du mois")
      .fill("Refonte du simulateur de préavis.\nSemaine 42 : <script>alert('x')</script> ateliers usagers.");
    await page.getByRole("button", { name: "Soumettre au bénéficiaire" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?fait=soumis$`));
    await expect(page.getByText("Soumis, à valider").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("paul.durand valide : les jours sont consommés sur la commande", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await visit(page, monthUrl);
    // The text typed by the contractor is shown as text, never run.
    await expect(page.getByText("Semaine 42 : <script>alert('x')</script> ateliers usagers.")).toBeVisible();
    await expect(
      page.getByRole("row", { name: /Lucas Morel/ }).getByRole("cell", { name: "19,5" }),
    ).toBeVisible();
    const since = new Date(Date.now() - 1000);
    await page.getByRole("button", { name: "Valider" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?fait=valide$`));
    await expect(page.getByText("Validé", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Corriger (écriture d'ajustement)" })).toHaveCount(0);
    await expectAccessible(page);

    await visit(page, `${orderUrl}/activite`);
    const october = page.getByRole("row", { name: /Octobre 2026/ });
    await expect(october.getByText("Validé")).toBeVisible();
    await expect(october.getByRole("cell", { name: "35", exact: true }).first()).toBeVisible();
    // Nothing was consumed on the Product Management line before: now 19,5 days.
    await expect(
      page
        .getByRole("row", { name: /Product Management – Junior \(ligne 1\)/ })
        .getByRole("cell", { name: "19,5" }),
    ).toBeVisible();
    const mail = await waitForMail({ to: HUGO_EMAIL, subject: /compte rendu d'activité validé/, since });
    expect(mail.subject).toContain("octobre 2026");
  });

  test("hugo.lefebvre corrige le mois validé par une écriture d'ajustement", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await visit(page, monthUrl);
    await expect(page.getByLabel("Jours facturables de Lucas Morel")).toHaveCount(0);
    await page.getByRole("link", { name: "Corriger (écriture d'ajustement)" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?corriger=1#ajustement$`));
    await expectAccessible(page);
    await expect(page.getByLabel("Total corrigé de Zoé Renard")).toHaveValue("15.5");
    await page.getByLabel("Total corrigé de Zoé Renard").fill("15");
    await page
      .getByLabel(/^Motif de la correction/)
      .fill("Une demi-journée comptée deux fois le 14 octobre.");
    await page.getByRole("button", { name: "Enregistrer l'écriture" }).click();
    await expect(page).toHaveURL(new RegExp(`${monthUrl}\\?fait=ajustement-enregistre$`));
    await expect(page.getByRole("heading", { name: /Écriture d'ajustement n° 1/ })).toBeVisible();
    await expect(page.getByText("Zoé Renard : −0,5 jour facturable")).toBeVisible();
    // The validated report itself is unchanged.
    await expect(
      page
        .getByRole("row", { name: /Zoé Renard/ })
        .first()
        .getByRole("cell", { name: "15,5" })
        .first(),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test("la DINUM consulte tous les comptes rendus, sans rien pouvoir y changer", async ({ page }) => {
    await signInAs(page, "claire.martin");
    await visit(page, "/comptes-rendus");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comptes rendus d'activité");
    const row = queueRow(page).filter({ hasNotText: "écriture d'ajustement" });
    await expect(row.getByText("Validé")).toBeVisible();
    await row.getByRole("link", { name: /^Consulter/ }).click();
    await expectAccessible(page);
    await expect(page.getByRole("button", { name: /Valider|Rejeter|Enregistrer/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Corriger (écriture d'ajustement)" })).toHaveCount(0);
  });
});
