// Corrective order (bon de commande modificatif): paul.durand adds 1 UO to a line of the
// demo order for Carnet de bord (issued, not yet acknowledged), signs the corrective order,
// which gets its own number and PDF, linked to the original; the original shows the
// corrected quantity; a quantity below what was consumed is refused.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";

const LEA_EMAIL = "lea.moreau@cooperative-numerique.example";

test("paul.durand corrige les quantités d'une commande émise par un modificatif signé", async ({ page }) => {
  await signInAs(page, "paul.durand");
  await visit(page, "/commandes?status=ISSUED");
  const row = page.getByRole("row").filter({ hasText: "Carnet de bord" }).filter({ hasText: "Coopérative" });
  await row.getByRole("link", { name: /^BDC-/ }).first().click();
  await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Bon de commande n° BDC-/);
  const original = /BDC-\d{4}-\d{4}/.exec(
    (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
  )![0];
  const originalUrl = page.url();
  await expectAccessible(page);

  // Refused in French, nothing created: a quantity that is not a whole number of days.
  await page.getByLabel(/^Nouvelle quantité en UO, ligne 1/).fill("6,03");
  await page.getByRole("button", { name: "Créer le bon de commande modificatif" }).click();
  await expect(page.getByText(/jour entier|multiple de 0,05/i).first()).toBeVisible();
  await expect(page).toHaveURL(originalUrl);

  await page.getByLabel(/^Nouvelle quantité en UO, ligne 1/).fill("7");
  await page.getByRole("button", { name: "Créer le bon de commande modificatif" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Brouillon de bon de commande modificatif",
  );
  await expectAccessible(page);
  // +1 UO of Devops confirmé at the original's frozen price.
  await expect(page.getByText(original).first()).toBeVisible();

  const issuedAt = new Date(Date.now() - 1000);
  await page.getByLabel(/^Numéro d'engagement juridique/).fill("1300099999");
  const confirm = page.getByLabel(/Je confirme signer ce bon de commande/);
  if (!(await confirm.isChecked())) await page.getByText(/Je confirme signer ce bon de commande/).click();
  await page.getByRole("button", { name: "Émettre le bon de commande" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /^Bon de commande modificatif n° BDC-\d{4}-\d{4}$/,
  );
  const corrective = /BDC-\d{4}-\d{4}/.exec(
    (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
  )![0];
  expect(corrective).not.toBe(original);
  const correctiveId = /\/commandes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
  await expectAccessible(page);

  // Its own PDF names the original.
  const res = await page.request.get(`/commandes/${correctiveId}/pdf`);
  expect(res.status()).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), "bdcm-"));
  try {
    const file = join(dir, "m.pdf");
    writeFileSync(file, await res.body());
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(corrective);
    expect(text).toContain(original);
    expect(text).toMatch(/modificatif/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The contractor is told.
  const mail = await waitForMail({ to: LEA_EMAIL, subject: /modificatif/, since: issuedAt });
  expect(mail.subject).toContain(corrective);

  // The original now shows 7 UO (140 days) on its first line and links to the corrective order.
  await page.goto(originalUrl);
  await expect(page.getByText(/7 \(140 j\)/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: corrective })).toBeVisible();
  await expectAccessible(page);
});
