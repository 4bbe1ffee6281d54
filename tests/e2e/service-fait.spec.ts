// Service fait and invoice trail across roles, on the demo order "Code du travail numérique"
// (Ministère du Travail → Coopérative Numérique Ouverte): its August 2026 report is validated
// but its service fait was postponed (ajournement, prisma/seed/demo-activity.ts), so August
// is still to certify. paul.durand certifies August and downloads the procès-verbal;
// lea.moreau records the invoice; paul.durand records a late payment and sees the flag.
// axe runs on every page visited.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";
import { expectNotFound, isoDaysFromToday, uniqueSuffix } from "./support/portal";

const LEA_EMAIL = "lea.moreau@cooperative-numerique.example";
/** "18 875,00 €" (any kind of space) → 1887500n. */
const centsOf = (text: string) => BigInt(text.replace(/[^\d,]/g, "").replace(",", ""));
/** 1887500n → "18875,00" (what the invoice form accepts). */
const frAmount = (cents: bigint) => `${cents / 100n},${String(cents % 100n).padStart(2, "0")}`;
/** A French amount as a pattern tolerant to the (narrow) no-break spaces. */
const amountPattern = (cents: bigint) =>
  new RegExp(
    `${(cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\\s")},${String(cents % 100n).padStart(2, "0")}`,
  );

test.describe.configure({ mode: "serial" });

test.describe("Service fait et factures", () => {
  let orderId = "";
  let orderNumber = "";
  let sfPath = "";
  let sfNumber = "";
  let htCents = 0n;
  let ttcCents = 0n;
  const invoiceNumber = `FAC-CNO-${uniqueSuffix().toUpperCase()}`;

  async function openDemoOrder(page: Page) {
    await visit(page, "/commandes?status=IN_PROGRESS");
    const row = page.getByRole("row", { name: /Code du travail numérique.*Coopérative Numérique Ouverte/ });
    await row.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    orderId = /\/commandes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
    orderNumber = /BDC-\d{4}-\d{4}/.exec(
      (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
    )![0];
  }

  test("paul.durand certifie le service fait d'août et télécharge le procès-verbal", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await openDemoOrder(page);
    await page.getByRole("link", { name: "Service fait" }).click();
    await expect(page).toHaveURL(new RegExp(`/commandes/${orderId}/service-fait$`));
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `Service fait – bon de commande n° ${orderNumber}`,
    );
    // The records already signed are listed; August waits (its service fait was postponed).
    await expect(page.getByRole("link", { name: /^SF-\d{4}-\d{4}$/ }).first()).toBeVisible();
    await expect(page.getByText(/août 2026 : 1 compte rendu, [\d,]+ jours facturables/)).toBeVisible();

    // A month already certified: refused in French, nothing to sign.
    await page.getByLabel("Premier mois").selectOption({ label: "juillet 2026" });
    await page.getByLabel("Dernier mois").selectOption({ label: "juillet 2026" });
    await page.getByRole("button", { name: "Voir le détail de la période" }).click();
    await expect(page.getByText(/^Rien à certifier pour juillet 2026/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Signer le procès-verbal de service fait" })).toHaveCount(
      0,
    );
    await expectAccessible(page);

    await page.getByLabel("Premier mois").selectOption({ label: "août 2026" });
    await page.getByLabel("Dernier mois").selectOption({ label: "août 2026" });
    await page.getByRole("button", { name: "Voir le détail de la période" }).click();
    await expect(page).toHaveURL(/du=2026-08&au=2026-08/);
    await expectAccessible(page);
    htCents = centsOf((await page.getByTestId("preview-ht").textContent()) ?? "");
    expect(htCents).toBeGreaterThan(0n);

    // A réfaction needs a reason: refused, what was typed stays.
    await page.getByRole("radio", { name: /^Admission avec réfaction/ }).check({ force: true });
    await page.getByLabel(/^Montant de la réfaction/).fill("500");
    await page.getByText(/Je confirme signer ce procès-verbal de service fait/).click();
    await page.getByRole("button", { name: "Signer le procès-verbal de service fait" }).click();
    await expect(
      page.getByText("Motif de la réfaction est obligatoire (5 caractères au moins)."),
    ).toBeVisible();
    await expect(page.getByLabel(/^Montant de la réfaction/)).toHaveValue("500");
    await expectAccessible(page);

    await page.getByRole("radio", { name: /^Admission Les prestations/ }).check({ force: true });
    await page.getByLabel(/^Montant de la réfaction/).waitFor({ state: "detached" });
    await expect(page.getByLabel(/^Nom du signataire/)).toHaveValue("Paul Durand");
    const issuedAt = new Date(Date.now() - 1000);
    await page.getByRole("button", { name: "Signer le procès-verbal de service fait" }).click();
    await expect(page).toHaveURL(
      new RegExp(`/commandes/${orderId}/service-fait/[0-9a-f-]{36}\\?enregistre=1$`),
    );
    await expectAccessible(page);
    const h1 = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    sfNumber = /SF-\d{4}-\d{4}/.exec(h1)![0];
    sfPath = new URL(page.url()).pathname;
    await expect(
      page.getByText(`Le procès-verbal de service fait n° ${sfNumber} est enregistré`, { exact: false }),
    ).toBeVisible();
    await expect(page.getByTestId("certified-ht")).toHaveText(amountPattern(htCents));
    ttcCents = centsOf((await page.getByTestId("certified-ttc").textContent()) ?? "");
    // TVA at 20 %, half-up to the cent.
    expect(ttcCents).toBe(htCents + (htCents * 2000n + 5000n) / 10000n);

    const mail = await waitForMail({ to: LEA_EMAIL, subject: /Service fait SF-/, since: issuedAt });
    expect(mail.subject).toContain(sfNumber);

    const res = await page.request.get(`${sfPath}/pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect(res.headers()["content-disposition"]).toBe(`attachment; filename="service-fait-${sfNumber}.pdf"`);
    const dir = mkdtempSync(join(tmpdir(), "sf-"));
    try {
      const file = join(dir, "sf.pdf");
      writeFileSync(file, await res.body());
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain(`Procès-verbal de service fait n° ${sfNumber}`);
      expect(text).toContain(orderNumber);
      expect(text).toMatch(/Période\s*:\s+août 2026/);
      expect(text).toMatch(/Décision\s*:\s+Admission/);
      expect(text).toMatch(amountPattern(htCents));
      expect(text).toMatch(amountPattern(ttcCents));
      expect(text).toContain("Paul Durand");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Back on the order's page: the record is listed, August no longer waits.
    await visit(page, `/commandes/${orderId}/service-fait`);
    await expect(page.getByRole("link", { name: sfNumber, exact: true })).toBeVisible();
    await expect(page.getByText(/août 2026 : 1 compte rendu/)).toHaveCount(0);
  });

  test("un autre titulaire ne voit ni le service fait ni son PDF", async ({ page }) => {
    await signInAs(page, "hugo.lefebvre");
    await expectNotFound(page, sfPath);
    await expectNotFound(page, `/commandes/${orderId}/service-fait`);
    const pdf = await page.request.get(`${sfPath}/pdf`, { maxRedirects: 0 });
    expect(pdf.status()).toBe(404);
  });

  test("lea.moreau enregistre la facture déposée sur Chorus Pro", async ({ page }) => {
    await signInAs(page, "lea.moreau");
    await visit(page, sfPath);
    await expect(
      page.getByRole("button", { name: /Signer le procès-verbal|Enregistrer le paiement/ }),
    ).toHaveCount(0);
    // Above what was certified: refused in French.
    await page.getByLabel(/^Numéro de la facture sur Chorus Pro/).fill(invoiceNumber);
    await page.getByLabel(/^Date de réception de la facture/).fill(isoDaysFromToday(-45));
    await expect(page.getByLabel(/^Montant HT/)).toHaveValue(frAmount(htCents));
    await page.getByLabel(/^Montant HT/).fill(frAmount(htCents + 1n));
    await page.getByLabel(/^Montant TTC/).fill(frAmount(ttcCents + 1n));
    await page.getByRole("button", { name: "Enregistrer la facture" }).click();
    await expect(page.getByText(/Le montant HT dépasse ce qui reste à facturer/).first()).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel(/^Montant HT/).fill(frAmount(htCents));
    await page.getByLabel(/^Montant TTC/).fill(frAmount(ttcCents));
    await page.getByRole("button", { name: "Enregistrer la facture" }).click();
    await expect(
      page.getByText(`La facture ${invoiceNumber} est enregistrée.`, { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(invoiceNumber) })).toContainText("Non payée");
    await expect(page.getByText("Ce service fait est entièrement facturé.")).toBeVisible();
    await expectAccessible(page);

    await visit(page, "/factures");
    await expect(page.getByRole("row", { name: new RegExp(invoiceNumber) })).toContainText(sfNumber);
  });

  test("paul.durand enregistre un paiement tardif et voit le dépassement du délai", async ({ page }) => {
    await signInAs(page, "paul.durand");
    await visit(page, sfPath);
    const row = page.getByRole("row", { name: new RegExp(invoiceNumber) });
    await expect(row).toContainText("45 jours (non payée)");
    await expect(row.getByText("Délai global de paiement dépassé")).toBeVisible();
    // Before receipt: refused.
    await page.getByLabel(`Date de paiement de la facture ${invoiceNumber}`).fill(isoDaysFromToday(-50));
    await page
      .getByRole("button", { name: `Enregistrer le paiement de la facture ${invoiceNumber}` })
      .click();
    await expect(
      page.getByText("La date de paiement ne peut pas précéder la date de réception de la facture.").first(),
    ).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel(`Date de paiement de la facture ${invoiceNumber}`).fill(isoDaysFromToday(0));
    await page
      .getByRole("button", { name: `Enregistrer le paiement de la facture ${invoiceNumber}` })
      .click();
    await expect(
      page.getByText(
        "Le paiement est enregistré : la facture a été payée en 45 jours, au-delà du délai global de paiement de 30 jours.",
        { exact: false },
      ),
    ).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(invoiceNumber) })).not.toContainText("Non payée");
    await expectAccessible(page);

    await visit(page, "/factures?retard=1");
    await expect(page.getByLabel(/Seulement les factures en retard/)).toBeChecked();
    const listed = page.getByRole("row", { name: new RegExp(invoiceNumber) });
    await expect(listed).toContainText("45 jours");
    await expect(listed.getByText("Délai global de paiement dépassé")).toBeVisible();
    await expect(listed.getByRole("link", { name: orderNumber })).toBeVisible();
  });

  test("la DINUM consulte les factures et le service fait sans pouvoir agir", async ({ page }) => {
    await signInAs(page, "claire.martin");
    await visit(page, "/factures");
    await expect(page.getByRole("columnheader", { name: "Titulaire" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(invoiceNumber) })).toContainText(
      "Ministère du Travail",
    );
    await visit(page, `/commandes/${orderId}/service-fait`);
    await expect(page.getByRole("heading", { name: "Établir un procès-verbal de service fait" })).toHaveCount(
      0,
    );
    await visit(page, sfPath);
    await expect(page.getByRole("button", { name: /Enregistrer/ })).toHaveCount(0);
  });
});
