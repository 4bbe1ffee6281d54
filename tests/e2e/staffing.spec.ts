// Staffing journey: hugo.lefebvre (Atelier Produit) adds two staffers, assigns one to the
// Product Management line of the demo order "Carnet de bord" (acknowledged, or in progress
// once its start date has passed), then replaces them with the other, with ramp-up days at
// the company's cost (CCTP §3.4). paul.durand (Ministère du Travail, who ordered it) is told
// by e-mail and sees the team read-only; sophie.bernard (Intérieur) does not see it at all.
// The tests run in order and share the order and the names they create.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expectAccessible, visit } from "./support/axe";
import { waitForMail } from "./support/mail";
import { expectNotFound, mainNav, navLink, uniqueSuffix } from "./support/portal";

const PAUL_EMAIL = "paul.durand@travail.gouv.fr";
const PM_JUNIOR = "Product Management – Junior";

test.describe.configure({ mode: "serial" });

test.describe("Intervenants et équipe d'une commande", () => {
  const sfx = uniqueSuffix();
  const leaving = `Agathe Départ ${sfx}`;
  const coming = `Basile Relève ${sfx}`;
  let teamPath = "";

  async function addStaffer(page: Page, fullName: string, login: string) {
    await page.getByRole("link", { name: "Ajouter un intervenant" }).click();
    await expect(page).toHaveURL(/\/intervenants\/nouveau$/);
    await expectAccessible(page);
    await page.getByLabel(/^Nom complet/).fill(fullName);
    await page.getByLabel(/^Adresse e-mail/).fill(`${login}.${sfx}@atelier-produit.example`);
    await page.getByLabel(/^Profil/).selectOption({ label: PM_JUNIOR });
    await page.getByLabel(/^Identifiant beta\.gouv\.fr/).fill(`${login}.${sfx}`);
    await page.getByRole("button", { name: "Ajouter l'intervenant" }).click();
    await expect(page).toHaveURL(/\/intervenants\/[0-9a-f-]{36}\?ajoute=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fullName);
    await expect(page.getByText("L'intervenant a été ajouté.")).toBeVisible();
    await expectAccessible(page);
  }

  test("hugo.lefebvre ajoute ses intervenants, en affecte un à une ligne puis le remplace", async ({
    page,
  }) => {
    await signInAs(page, "hugo.lefebvre");
    await (await navLink(page, "Intervenants")).click();
    await expect(page).toHaveURL(/\/intervenants$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intervenants");
    await expectAccessible(page);

    // A subcontractor without its company is refused in French; nothing is created.
    await page.getByRole("link", { name: "Ajouter un intervenant" }).click();
    await page.getByLabel(/^Nom complet/).fill(`Refusé ${sfx}`);
    await page.getByLabel(/^Adresse e-mail/).fill(`refuse.${sfx}@atelier-produit.example`);
    await page.getByLabel(/^Profil/).selectOption({ label: PM_JUNIOR });
    await page.getByLabel(/^Statut/).selectOption({ label: "Sous-traitant" });
    await page.getByLabel(/^Identifiant beta\.gouv\.fr/).fill("Pas Valide");
    await page.getByRole("button", { name: "Ajouter l'intervenant" }).click();
    await expect(
      page.getByText("Le formulaire contient des erreurs. Corrigez les champs signalés."),
    ).toBeVisible();
    await expect(page.getByText(/Indiquez le nom de la société sous-traitante/)).toBeVisible();
    await expect(page.getByText(/par exemple « prenom\.nom »/).first()).toBeVisible();
    await expect(page).toHaveURL(/\/intervenants\/nouveau$/);
    await expectAccessible(page);
    await visit(page, "/intervenants");

    await addStaffer(page, leaving, "agathe");
    await visit(page, "/intervenants");
    await addStaffer(page, coming, "basile");
    await visit(page, `/intervenants?q=${encodeURIComponent(sfx)}`);
    await expect(page.getByRole("link", { name: leaving })).toBeVisible();
    await expect(page.getByRole("link", { name: coming })).toBeVisible();
    await expect(page.getByText(`Refusé ${sfx}`)).toHaveCount(0);

    // The demo order of Carnet de bord addressed to Atelier Produit.
    await visit(page, "/commandes");
    await page
      .getByRole("row")
      .filter({ hasText: "Carnet de bord" })
      .filter({ hasText: /Accusé de réception|En cours/ })
      .first()
      .getByRole("link")
      .first()
      .click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Équipe", exact: true }).click();
    await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}\/equipe$/);
    teamPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Équipe du bon de commande n° BDC-");
    await expect(
      page.getByText(/la formation de la nouvelle personne est à votre charge \(CCTP §3\.4\)/),
    ).toBeVisible();
    await expectAccessible(page);

    // Assign the first person to the PM line.
    const line = "(ligne 1 – Product Management – Junior)";
    await page.getByLabel(`Intervenant à affecter ${line}`).selectOption({ label: leaving });
    // Only people of the line's profile are offered.
    await expect(
      page
        .getByLabel(`Intervenant à affecter (ligne 2 – Design – Junior)`)
        .locator("option", { hasText: leaving }),
    ).toHaveCount(0);
    await page.getByLabel(`Début de l'affectation ${line}`).fill("2026-11-02");
    await page.getByLabel(`Fin de l'affectation ${line}`).fill("2026-12-15");
    await page.getByRole("button", { name: "Affecter à la ligne 1" }).click();
    await expect(page).toHaveURL(/\/equipe\?fait=affectation$/);
    await expect(page.getByText("L'intervenant est affecté à la ligne.", { exact: false })).toBeVisible();
    const pmTable = page.getByRole("table", { name: `Intervenants de la ligne 1 – ${PM_JUNIOR}` });
    await expect(pmTable.getByRole("row", { name: new RegExp(`^${leaving}`) })).toContainText(
      "du 02/11/2026 au 15/12/2026",
    );
    await expectAccessible(page);

    // Replace them from 1 December with ramp-up days; a quarter day is refused first.
    const since = new Date();
    await page.getByRole("button", { name: `Remplacer ${leaving} ou modifier sa période` }).click();
    await page.getByLabel(`Nouvel intervenant à la place de ${leaving}`).selectOption({ label: coming });
    await page.getByLabel(`Date d'arrivée en remplacement de ${leaving}`).fill("2026-12-01");
    const rampUp = page.getByLabel(`Jours de montée en compétence (remplacement de ${leaving})`);
    // The hint of this replacement's field (every assignment has its own form).
    await expect(
      page
        .locator("form")
        .filter({ has: rampUp })
        .getByText(/à la charge du titulaire et ne sont pas facturés \(CCTP §3\.4\)/),
    ).toBeVisible();
    await rampUp.fill("0,25");
    await page.getByRole("button", { name: "Enregistrer le remplacement" }).click();
    await expect(
      page.getByText("Les jours de montée en compétence se comptent par demi-journée : 0,5, 1, 1,5…"),
    ).toBeVisible();
    await expectAccessible(page);
    await rampUp.fill("1,5");
    await page.getByRole("button", { name: "Enregistrer le remplacement" }).click();
    await expect(page).toHaveURL(/\/equipe\?fait=remplacement$/);
    await expect(page.getByText("Le remplacement est enregistré", { exact: false })).toBeVisible();
    await expect(pmTable.getByRole("row", { name: new RegExp(`^${leaving}`) })).toContainText(
      `du 02/11/2026 au 30/11/2026`,
    );
    await expect(pmTable.getByRole("row", { name: new RegExp(`^${leaving}`) })).toContainText(
      `Remplacé par ${coming} à partir du 01/12/2026`,
    );
    const newcomer = pmTable.getByRole("row", { name: new RegExp(`^${coming}`) });
    await expect(newcomer).toContainText("du 01/12/2026 au 15/12/2026");
    await expect(newcomer).toContainText("1,5 jour à la charge du titulaire");
    await expect(newcomer).toContainText(`Remplace ${leaving}`);
    // The replaced person has no replacement form any more.
    await expect(
      page.getByRole("button", { name: `Remplacer ${leaving} ou modifier sa période` }),
    ).toHaveCount(0);
    await expectAccessible(page);

    const mail = await waitForMail({ to: PAUL_EMAIL, subject: /remplacement d'un intervenant/, since });
    expect(mail.text).toContain(`remplace ${leaving} par ${coming}`);
    expect(mail.text).toContain("1,5 jour à la charge du titulaire, non facturés (CCTP §3.4)");
    expect(mail.text).toContain(`${teamPath}`);

    // The staffer's page lists the assignment.
    await newcomer.getByRole("link", { name: coming }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(coming);
    await expect(page.getByRole("table", { name: /Affectations de/ })).toContainText(`Remplace ${leaving}`);
    await expectAccessible(page);
  });

  test("paul.durand voit l'équipe en lecture seule ; sophie.bernard ne la voit pas", async ({
    page,
    browser,
  }) => {
    expect(teamPath).not.toBe("");
    await signInAs(page, "paul.durand");
    await expect(mainNav(page).getByRole("link", { name: "Intervenants", includeHidden: true })).toHaveCount(
      0,
    );
    await visit(page, teamPath);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Équipe du bon de commande");
    await expect(page.getByText(/Consultation seule/)).toBeVisible();
    const pmTable = page.getByRole("table", { name: `Intervenants de la ligne 1 – ${PM_JUNIOR}` });
    await expect(pmTable.getByRole("row", { name: new RegExp(`^${coming}`) })).toContainText(
      `Remplace ${leaving}`,
    );
    await expect(
      page.getByRole("button", { name: /Affecter à la ligne|Enregistrer le remplacement/ }),
    ).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remplacer .* ou modifier sa période/ })).toHaveCount(0);
    // The people on the ministry's order can be looked up; the company's full list cannot.
    await pmTable.getByRole("link", { name: coming }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(coming);
    await expect(page.getByRole("button", { name: /Enregistrer l'intervenant|Désactiver/ })).toHaveCount(0);
    await expectAccessible(page);
    await expectNotFound(page, "/intervenants");
    await expectNotFound(page, "/intervenants/nouveau");

    // Sophie (Ministère de l'Intérieur), in her own browser context.
    const sophieContext = await browser.newContext();
    try {
      const sophie = await sophieContext.newPage();
      await signInAs(sophie, "sophie.bernard");
      await expectNotFound(sophie, teamPath);
    } finally {
      await sophieContext.close();
    }
  });

  test("la DINUM consulte les intervenants de tous les titulaires", async ({ page }) => {
    await signInAs(page, "claire.martin");
    await (await navLink(page, "Intervenants")).click();
    await expect(page).toHaveURL(/\/intervenants$/);
    await expect(page.getByRole("link", { name: "Ajouter un intervenant" })).toHaveCount(0);
    await page.getByLabel("Rechercher un intervenant").fill(sfx);
    await page.getByLabel("Titulaire", { exact: true }).selectOption({ label: "Atelier Produit" });
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect(page).toHaveURL(/contractorId=/);
    const table = page.getByRole("table", { name: /^Intervenants \(2\)/ });
    await expect(table.getByRole("row", { name: new RegExp(`^${leaving}`) })).toContainText(
      "Atelier Produit",
    );
    await expectAccessible(page);
    await visit(page, teamPath);
    await expect(page.getByRole("button", { name: /Affecter à la ligne/ })).toHaveCount(0);
  });
});
