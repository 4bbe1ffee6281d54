// Renders real service-fait PDFs and reads them back with poppler (pdftotext, pdfinfo): the
// checks are on what a reader of the file gets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderServiceFaitPdf } from "./pdf";
import type { ServiceFaitPdfData } from "./pdf-data";

const dir = mkdtempSync(path.join(tmpdir(), "sf-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function readPdf(buf: Buffer) {
  const file = path.join(dir, `sf-${++n}.pdf`);
  writeFileSync(file, buf);
  const txt = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  const info = spawnSync("pdfinfo", [file], { encoding: "utf8" });
  return {
    text: txt.stdout,
    pages: txt.stdout.split("\f").slice(0, -1),
    info: info.stdout,
    stderr: txt.stderr + info.stderr,
  };
}

const squash = (s: string) => s.replace(/[ \u00a0]+/g, " ");

function sample(overrides: Partial<ServiceFaitPdfData> = {}): ServiceFaitPdfData {
  return {
    number: "SF-2026-0007",
    decidedOn: "2026-11-24",
    agreement: {
      reference: "21_BAM_048",
      title: "Réalisation de services publics numériques en mode produit",
    },
    order: { number: "BDC-2026-0003", legalCommitmentNumber: "1300012345", orderDate: "2026-02-16" },
    beneficiary: { name: "Ministère du Travail et des Solidarités", siret: "11000045600019" },
    contractor: {
      name: "Coopérative Numérique Ouverte",
      siret: "85123456700010",
      postalAddress: "12 rue des Coopératives\n69002 Lyon",
    },
    product: { name: "Code du travail numérique" },
    period: { startsOn: "2026-04-01", endsOn: "2026-05-31", label: "avril 2026 à mai 2026" },
    reportMonths: ["2026-04", "2026-05"],
    adjustments: 0,
    decision: "ADMISSION",
    isFinal: false,
    lines: [
      { label: "Devops – Confirmé", days: "37", unitPriceHtCents: 1_150_000, amountHtCents: 2_127_500n },
      { label: "Design – Confirmé", days: "32.5", unitPriceHtCents: 1_100_000, amountHtCents: 1_787_500n },
    ],
    amounts: {
      computedHtCents: 3_915_000n,
      refactionHtCents: 0n,
      certifiedHtCents: 3_915_000n,
      vatRateBp: 2000,
      vatCents: 783_000n,
      certifiedTtcCents: 4_698_000n,
    },
    comment: "",
    summary: {
      orderedHtCents: 56_070_000n,
      certifiedNowHtCents: 3_915_000n,
      certifiedBeforeHtCents: 1_000_000n,
      remainingHtCents: 51_155_000n,
    },
    signatory: { name: "Paul Durand", signedAt: "2026-11-24" },
    ...overrides,
  };
}

describe("renderServiceFaitPdf", () => {
  it("prints the mentions of a procès-verbal of admission", async () => {
    const pdf = await renderServiceFaitPdf(sample());
    const { text, info, stderr, pages } = readPdf(pdf);
    expect(stderr).toBe("");
    expect(pages).toHaveLength(1);
    const flat = squash(text);
    expect(text).toContain("RÉPUBLIQUE FRANÇAISE");
    expect(flat).toContain("Procès-verbal de service fait n° SF-2026-0007");
    expect(flat).toContain(
      "Bon de commande n° BDC-2026-0003 du 16 février 2026 – engagement juridique n° 1300012345",
    );
    expect(flat).toContain("Accord-cadre n° 21_BAM_048");
    expect(flat).toContain("Date de la décision : 24 novembre 2026");
    expect(text).toContain("Ministère du Travail et des Solidarités");
    expect(text).toContain("Coopérative Numérique Ouverte");
    expect(flat).toContain("SIRET : 851 234 567 00010");
    expect(flat).toContain("Période : avril 2026 à mai 2026 (du 1 avril 2026 au 31 mai 2026)");
    expect(flat).toContain("2 comptes rendus validés (avril 2026, mai 2026)");
    expect(flat).toContain("Décision : Admission");
    expect(flat).toContain("Les prestations de la période sont admises");
    expect(text).not.toContain("Service fait final");
    expect(flat).toContain("Désignation de l’UO Jours certifiés Prix unitaire HT Montant HT");
    expect(flat).toContain("Devops – Confirmé 37 11 500,00 € 21 275,00 €");
    expect(flat).toContain("Design – Confirmé 32,5 11 000,00 € 17 875,00 €");
    expect(flat).toContain("Montant calculé HT 39 150,00 €");
    expect(flat).not.toContain("Réfaction HT");
    expect(flat).toContain("Montant certifié HT 39 150,00 €");
    expect(flat).toContain("TVA (20 %) 7 830,00 €");
    expect(flat).toContain("Montant certifié TTC 46 980,00 €");
    expect(flat).toContain("Montant commandé (quantités corrigées) 560 700,00 €");
    expect(flat).toContain("Certifié précédemment 10 000,00 €");
    expect(flat).toContain("Certifié par ce procès-verbal 39 150,00 €");
    expect(flat).toContain("Reste (commandé - certifié) 511 550,00 €");
    expect(flat).toContain("Signé par Paul Durand, le 24 novembre 2026, pour le bénéficiaire");
    expect(flat).toContain("Page 1 / 1");
    expect(info).toContain("(A4)");
    expect(info).toMatch(/Title:\s+Procès-verbal de service fait n° SF-2026-0007/);
  });

  it("shows the réfaction, its reason and the final mention", async () => {
    const pdf = await renderServiceFaitPdf(
      sample({
        decision: "REFACTION",
        isFinal: true,
        amounts: {
          computedHtCents: 3_915_000n,
          refactionHtCents: 125_050n,
          certifiedHtCents: 3_789_950n,
          vatRateBp: 2000,
          vatCents: 757_990n,
          certifiedTtcCents: 4_547_940n,
        },
        comment: "Livrable de documentation remis\nen retard de trois semaines.",
      }),
    );
    const { text, stderr } = readPdf(pdf);
    expect(stderr).toBe("");
    const flat = squash(text);
    expect(flat).toContain("Décision : Admission avec réfaction");
    expect(flat).toContain("Service fait final : la prestation est achevée.");
    expect(flat).toContain("Réfaction HT - 1 250,50 €");
    expect(flat).toContain("Montant certifié HT 37 899,50 €");
    expect(flat).toContain("Montant certifié TTC 45 479,40 €");
    expect(flat).toContain("Motif de la réfaction");
    expect(flat).toContain("en retard de trois semaines.");
  });

  it("a rejection certifies nothing and says so", async () => {
    const pdf = await renderServiceFaitPdf(
      sample({
        decision: "REJET",
        amounts: {
          computedHtCents: 3_915_000n,
          refactionHtCents: 0n,
          certifiedHtCents: 0n,
          vatRateBp: 2000,
          vatCents: 0n,
          certifiedTtcCents: 0n,
        },
        comment: "Travaux non conformes au cahier des charges.",
        summary: {
          orderedHtCents: 56_070_000n,
          certifiedNowHtCents: 0n,
          certifiedBeforeHtCents: 0n,
          remainingHtCents: 56_070_000n,
        },
      }),
    );
    const flat = squash(readPdf(pdf).text);
    expect(flat).toContain("Décision : Rejet");
    expect(flat).toContain("aucun montant n'est certifié");
    expect(flat).toContain("Jours présentés");
    expect(flat).toContain("Montant certifié TTC 0,00 €");
    expect(flat).toContain("Motif du rejet");
  });

  it("prints hostile user text literally", async () => {
    const hostile = "<script>alert(1)</script>\n) Tj ET BT /F1 99 Tf (pwned) Tj\nemoji 🚀";
    const pdf = await renderServiceFaitPdf(
      sample({
        decision: "AJOURNEMENT",
        comment: hostile,
        signatory: { name: "<b>Paul</b>", signedAt: "2026-11-24" },
      }),
    );
    const { text, stderr } = readPdf(pdf);
    expect(stderr).toBe("");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain(") Tj ET BT /F1 99 Tf (pwned) Tj");
    expect(text).toContain("emoji ?");
    expect(squash(text)).toContain("Signé par <b>Paul</b>");
  });

  it("gives the same bytes for the same record", async () => {
    expect((await renderServiceFaitPdf(sample())).equals(await renderServiceFaitPdf(sample()))).toBe(true);
  });
});
