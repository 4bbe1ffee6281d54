// Order journey across roles: paul.durand (Ministère du Travail) prepares and signs an order
// for Code du travail numérique addressed to Coopérative Numérique Ouverte; lea.moreau
// (that company) acknowledges it; the PDF says what was signed. The tests run in order and
// share the order they create (the demo data has none).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";
import { expectNotFound, isoDaysFromToday } from "./support/portal";

const LEA_EMAIL = "lea.moreau@cooperative-numerique.example";
const PAUL_EMAIL = "paul.durand@travail.gouv.fr";
const EJ = "1300012345";
const HOSTILE_DELIVERABLE = 'Feuille de route <img src=x onerror="window.__xss=1"> <b>trimestrielle</b>';
const HOSTILE_OBSERVATION = "Point hebdomadaire le lundi <script>window.__xss=2</script>";
/** French amounts: the thousands separator is a (narrow) no-break space. */
const euros = (int: string, dec: string) => new RegExp(`^${int.replace(" ", "\\s")},${dec}\\s€$`);

/** Number of orders the signed-in person sees (0 on the empty list). */
async function visibleOrderCount(page: Page): Promise<number> {
  await visit(page, "/commandes");
  const caption = page.locator("caption", { hasText: /^Bons de commande \(\d+\)/ });
  if ((await caption.count()) === 0) return 0;
  const m = /\((\d+)\)/.exec((await caption.textContent()) ?? "");
  return Number(m?.[1] ?? 0);
}

test.describe.configure({ mode: "serial" });

test.describe("Bons de commande – de la préparation à l'accusé de réception", () => {
  let orderId = "";
  let orderNumber = "";

  test("paul.durand prépare un brouillon, le corrige puis l'émet", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await visit(page, "/espace");
    await expect(page.getByRole("link", { name: /Commandes/ }).first()).toBeVisible();
    const before = await visibleOrderCount(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Commandes");

    await page.getByRole("link", { name: "Nouvelle commande" }).click();
    await expect(page).toHaveURL(/\/commandes\/nouvelle$/);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle commande");

    // Only the ministry's Startups d'État are offered.
    const product = page.getByLabel(/^Produit/);
    // (Other journeys may have added Startups d'État to the ministry.)
    const offered = await product.locator("option:not([disabled])").allTextContents();
    expect(offered).toEqual(expect.arrayContaining(["Carnet de bord", "Code du travail numérique"]));
    for (const other of ["FranceConnect", "api.gouv.fr", "Mon espace permis"])
      expect(offered).not.toContain(other);
    await product.selectOption({ label: "Code du travail numérique" });
    await page.getByLabel(/^Titulaire/).selectOption({ label: "Coopérative Numérique Ouverte" });
    await page.getByLabel(/^Début prévu/).fill(isoDaysFromToday(7));
    await page.getByLabel(/^Fin prévue/).fill(isoDaysFromToday(97));
    // Billing details are prefilled from the ministry.
    await expect(page.getByLabel(/^Code service Chorus Pro/)).toHaveValue("MTS0042");
    await expect(page.getByLabel(/^Adresse de facturation/)).toHaveValue(
      /Centre de services partagés Chorus/,
    );

    await page.getByLabel(/^Unité d'œuvre de la ligne 1/).selectOption({ label: "Devops – Confirmé" });
    await expect(page.getByLabel(/^Livrables attendus de la ligne 1/)).toHaveValue(/Le code source/);
    await expect(page.getByText(/Prix unitaire HT : 11\s500,00\s€ par UO/)).toBeVisible();
    // Not a whole number of days: refused in French, nothing is created.
    await page.getByLabel(/^Quantité de la ligne 1/).fill("0,03");

    await page.getByRole("button", { name: "Ajouter une ligne" }).click();
    await page.getByLabel(/^Unité d'œuvre de la ligne 2/).selectOption({ label: "Product Management" });
    await page.getByLabel(/^Quantité de la ligne 2/).fill("0,5");
    await expect(page.getByTestId("total-ht")).toHaveText(euros("6 400", "00"));

    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page.getByText(/Ligne 1 : La quantité se commande par jour entier/).first()).toBeVisible();
    await expect(
      page.getByText("Le formulaire contient des erreurs. Corrigez les champs signalés."),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/commandes\/nouvelle$/);
    // What was typed survives the refusal.
    await expect(page.getByLabel(/^Quantité de la ligne 2/)).toHaveValue("0,5");
    await expectAccessible(page);

    await page.getByLabel(/^Quantité de la ligne 1/).fill("2,5");
    await expect(page.getByTestId("total-ht")).toHaveText(euros("35 150", "00"));
    await expect(page.getByTestId("total-tva")).toHaveText(euros("7 030", "00"));
    await expect(page.getByTestId("total-ttc")).toHaveText(euros("42 180", "00"));

    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}\?enregistre=1$/);
    orderId = /\/commandes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brouillon de bon de commande");
    await expect(
      page.getByText("Le brouillon du bon de commande a été enregistré.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("cell", { name: /35\s150,00\s€/ }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Modifier le brouillon" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Télécharger le PDF" })).toHaveCount(0);
    await expect(page.getByText("Création du brouillon de bon de commande")).toBeVisible();
    // The refused submit created nothing: exactly one more order.
    expect(await visibleOrderCount(page)).toBe(before + 1);

    // The draft can be edited: the form comes back filled in, and saving keeps the totals.
    await visit(page, `/commandes/${orderId}`);
    await page.getByRole("link", { name: "Modifier le brouillon" }).click();
    await expect(page).toHaveURL(new RegExp(`/commandes/${orderId}/modifier$`));
    await expectAccessible(page);
    await expect(page.getByLabel(/^Quantité de la ligne 1/)).toHaveValue("2,5");
    await expect(page.getByLabel(/^Quantité de la ligne 2/)).toHaveValue("0,5");
    await expect(page.getByTestId("total-ttc")).toHaveText(euros("42 180", "00"));
    // Markup typed by a user is kept as text: shown literally, never run (page, PDF, mail).
    await page.getByLabel(/^Livrables attendus de la ligne 2/).fill(HOSTILE_DELIVERABLE);
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await expect(page).toHaveURL(new RegExp(`/commandes/${orderId}\\?enregistre=1$`));
    const cell = page.getByRole("cell", { name: HOSTILE_DELIVERABLE });
    await expect(cell).toBeVisible();
    await expect(cell.locator("img, b")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.getByText("Modification du brouillon de bon de commande")).toBeVisible();

    await visit(page, `/commandes/${orderId}`);
    await expect(page.getByLabel(/^Nom du signataire/)).toHaveValue("Paul Durand");
    // An EJ of 9 digits is refused.
    await page.getByLabel(/^Numéro d'engagement juridique/).fill("130001234");
    await page.getByText(/Je confirme signer ce bon de commande au nom de Ministère du Travail/).click();
    await page.getByRole("button", { name: "Émettre le bon de commande" }).click();
    await expect(
      page.getByText("Le numéro d'engagement juridique (EJ) Chorus compte exactement 10 chiffres."),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brouillon de bon de commande");
    await expectAccessible(page);

    const issuedAt = new Date(Date.now() - 1000);
    await page.getByLabel(/^Numéro d'engagement juridique/).fill(EJ);
    await expect(page.getByLabel(/Je confirme signer ce bon de commande/)).toBeChecked();
    await page.getByRole("button", { name: "Émettre le bon de commande" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Bon de commande n° BDC-\d{4}-\d{4}$/);
    orderNumber = /BDC-\d{4}-\d{4}/.exec(
      (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
    )![0];
    await expect(
      page.getByText(`Le bon de commande n° ${orderNumber} a été émis.`, { exact: false }),
    ).toBeVisible();
    await expect(page.getByText("Émis", { exact: true }).first()).toBeVisible();
    await expect(page.getByText(EJ)).toBeVisible();
    await expect(page.getByRole("link", { name: "Modifier le brouillon" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Télécharger le PDF" })).toBeVisible();
    await expectAccessible(page);

    // The contractor's correspondent is told by mail.
    const mail = await waitForMail({ to: LEA_EMAIL, subject: /nouvelle commande/, since: issuedAt });
    expect(mail.subject).toContain(orderNumber);
  });

  test("un autre titulaire ne voit pas la commande", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await expectNotFound(page, `/commandes/${orderId}`);
    const pdf = await page.request.get(`/commandes/${orderId}/pdf`, { maxRedirects: 0 });
    expect(pdf.status()).toBe(404);
  });

  test("lea.moreau retrouve la commande et en accuse réception", async ({ page }) => {
    await signInAs(page, "lea.moreau");
    await visit(page, "/commandes");
    // A contractor sees no "Titulaire" column (it is always itself) and cannot order.
    await expect(page.getByRole("columnheader", { name: "Titulaire" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Nouvelle commande" })).toHaveCount(0);
    await page.getByRole("link", { name: orderNumber }).click();
    await expect(page).toHaveURL(new RegExp(`/commandes/${orderId}$`));
    await expectAccessible(page);
    await expect(page.getByRole("button", { name: "Émettre le bon de commande" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Annuler le bon de commande" })).toHaveCount(0);

    await page.getByRole("button", { name: "Accuser réception du bon de commande" }).click();
    await expect(
      page.getByText("Vous avez accusé réception du bon de commande.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByText("Accusé de réception", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Accuser réception du bon de commande" })).toHaveCount(0);
    await expectAccessible(page);

    await page
      .getByLabel(/^Observation pour le bénéficiaire/)
      .fill(`Démarrage prévu avec deux personnes.\n${HOSTILE_OBSERVATION}`);
    const observedAt = new Date(Date.now() - 1000);
    await page.getByRole("button", { name: "Enregistrer l'observation" }).click();
    await expect(page.getByText("Votre observation a été enregistrée", { exact: false })).toBeVisible();
    await expect(page.getByText(HOSTILE_OBSERVATION, { exact: false })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The beneficiary's mail (plain text only) quotes the observation literally.
    const mail = await waitForMail({ to: PAUL_EMAIL, subject: /observation/, since: observedAt });
    expect(mail.text).toContain(HOSTILE_OBSERVATION);
    await expect(page.getByLabel(/^Observation pour le bénéficiaire/)).toHaveValue("");
  });

  test("paul.durand voit l'accusé de réception et télécharge le PDF", async ({ page, playwright }) => {
    await signInAs(page, "paul.durand");
    await visit(page, `/commandes?q=${orderNumber}`);
    const row = page.getByRole("row", { name: new RegExp(orderNumber) });
    await expect(row.getByText("Accusé de réception")).toBeVisible();
    await row.getByRole("link", { name: orderNumber }).click();
    await expectAccessible(page);
    await expect(page.getByText("Accusé de réception du titulaire").first()).toBeVisible();
    await expect(
      page.getByText(/Léa Moreau \(Coopérative Numérique Ouverte\) :\s+Démarrage prévu/),
    ).toBeVisible();
    // The beneficiary cannot acknowledge nor comment, and an acknowledged order is no longer cancellable.
    await expect(
      page.getByRole("button", { name: /Accuser réception|Enregistrer l'observation/ }),
    ).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Annuler le bon de commande" })).toHaveCount(0);

    const res = await page.request.get(`/commandes/${orderId}/pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect(res.headers()["content-disposition"]).toBe(`attachment; filename="${orderNumber}.pdf"`);
    expect(res.headers()["cache-control"]).toContain("no-store");
    const dir = mkdtempSync(join(tmpdir(), "bdc-"));
    try {
      const file = join(dir, "bdc.pdf");
      writeFileSync(file, await res.body());
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("Bon de commande n°");
      expect(text).toContain(orderNumber);
      expect(text).toContain("21_BAM_048");
      expect(text).toMatch(/35\s150,00/);
      expect(text).toMatch(/42\s180,00/);
      expect(text).toContain(EJ);
      expect(text.replace(/\s+/g, " ")).toContain(HOSTILE_DELIVERABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Signed out: the PDF sends to sign-in.
    const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const signedOut = await anonymous.get(`/commandes/${orderId}/pdf`, { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(signedOut.status());
    expect(signedOut.headers().location).toContain("/connexion");
    await anonymous.dispose();
  });

  test("la DINUM voit la commande avec son bénéficiaire et ne peut rien y faire", async ({ page }) => {
    await signInAs(page, "claire.martin");
    await visit(page, `/commandes?status=ACKNOWLEDGED&q=${orderNumber}&sort=number&dir=asc`);
    await expect(page.getByRole("columnheader", { name: "Bénéficiaire" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nouvelle commande" })).toHaveCount(0);
    const row = page.getByRole("row", { name: new RegExp(orderNumber) });
    await expect(row.getByText("Ministère du Travail et des Solidarités")).toBeVisible();
    await expect(page.locator("tfoot")).toContainText(
      /Total, toutes pages \(1 bon de commande\).*35\s150,00\s€.*42\s180,00\s€/,
    );
    await row.getByRole("link", { name: orderNumber }).click();
    await expectAccessible(page);
    await expect(page.getByRole("heading", { name: "Actions" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Télécharger le PDF" })).toBeVisible();
  });

  test("paul.durand annule un brouillon avec un motif", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await visit(page, "/commandes/nouvelle");
    await page.getByLabel(/^Produit/).selectOption({ label: "Carnet de bord" });
    await page.getByLabel(/^Titulaire/).selectOption({ label: "Coopérative Numérique Ouverte" });
    await page.getByLabel(/^Début prévu/).fill(isoDaysFromToday(14));
    await page.getByLabel(/^Fin prévue/).fill(isoDaysFromToday(44));
    await page.getByLabel(/^Unité d'œuvre de la ligne 1/).selectOption({ label: "Design – Confirmé" });
    await page.getByLabel(/^Quantité de la ligne 1/).fill("1");
    await expect(page.getByTestId("total-ht")).toHaveText(euros("11 000", "00"));
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}\?enregistre=1$/);

    await page.getByLabel(/^Motif de l'annulation/).fill("Non");
    await page.getByRole("button", { name: "Annuler le bon de commande" }).click();
    await expect(page.getByText("Précisez le motif (5 caractères au moins).")).toBeVisible();
    await page.getByLabel(/^Motif de l'annulation/).fill("Le besoin a été couvert en interne.");
    await page.getByRole("button", { name: "Annuler le bon de commande" }).click();
    await expect(page.getByText("Le bon de commande a été annulé.", { exact: false }).first()).toBeVisible();
    await expect(page.getByText("Annulé", { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/Motif : Le besoin a été couvert en interne/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Émettre le bon de commande" })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("la période inversée du filtre est expliquée", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await visit(page, `/commandes?from=${isoDaysFromToday(30)}&to=${isoDaysFromToday(1)}`);
    await expect(page.getByText(/La période du filtre est inversée/)).toBeVisible();
    await expect(page.locator("table")).toHaveCount(0);
  });
});
