// Renders real PDFs and reads them back with poppler (pdftotext, pdfinfo), so the checks are
// on what a reader of the file gets, not on pdfkit calls.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderPurchaseOrderPdf } from "./pdf";
import type { PurchaseOrderPdfData } from "./pdf-data";

const dir = mkdtempSync(path.join(tmpdir(), "bdc-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
type Read = { text: string; pages: string[]; info: string; stderr: string };

/** Writes the buffer to a temp file and returns what poppler sees in it. */
function readPdf(buf: Buffer): Read {
  const file = path.join(dir, `bdc-${++fileCount}.pdf`);
  writeFileSync(file, buf);
  const txt = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  const info = spawnSync("pdfinfo", [file], { encoding: "utf8" });
  return {
    text: txt.stdout,
    // pdftotext ends every page with a form feed.
    pages: txt.stdout.split("\f").slice(0, -1),
    info: info.stdout,
    stderr: txt.stderr + info.stderr,
  };
}

function order(overrides: Partial<PurchaseOrderPdfData> = {}): PurchaseOrderPdfData {
  return {
    number: "BDC-2026-0042",
    correctsNumber: null,
    orderDate: "2026-11-24",
    agreement: {
      reference: "21_BAM_048",
      title:
        "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv",
    },
    beneficiary: {
      name: "Direction interministérielle du numérique (DINUM)",
      siret: "13002526500013",
      chorusServiceCode: "DINUM0001",
      billingAddress: "20 avenue de Ségur\nTSA 30719\n75334 Paris Cedex 07",
    },
    contractor: {
      name: "Cœur Numérique SAS",
      siret: "41816609600069",
      postalAddress: "12 rue de l’Œuvre\n69002 Lyon",
    },
    product: { name: "Démarches Simplifiées" },
    period: { startsOn: "2026-12-01", endsOn: "2027-05-31" },
    lines: [
      {
        label: "Devops – Confirmé",
        quantity: "2.55",
        days: "51",
        unitPriceHtCents: 1_260_000,
        amountHtCents: 3_213_000n,
        deliverables:
          "Le service développé et en production ; son code source.\nLe journal des modifications « changelog ».\nLa documentation d’exploitation.",
      },
      {
        label: "Design – Confirmé",
        quantity: "6",
        days: "120",
        unitPriceHtCents: 1_140_000,
        amountHtCents: 6_840_000n,
        deliverables: "Parcours utilisateurs, maquettes et prototypes issus de la recherche utilisateur.",
      },
      {
        label: "Product Management",
        quantity: "1.5",
        days: "30",
        unitPriceHtCents: 1_325_050,
        amountHtCents: 1_987_575n,
        deliverables: "Actions menées sur le produit, outils de pilotage utilisés, analyses produites.",
      },
    ],
    totals: { htCents: 12_040_575n, vatRateBp: 2000, vatCents: 2_408_115n, ttcCents: 14_448_690n },
    legalCommitmentNumber: "1300012345",
    signatory: { name: "Jeanne Martin", signedAt: "2026-11-24" },
    ...overrides,
  };
}

/** Collapses the runs of spaces pdftotext -layout uses to align columns. */
const squash = (s: string) => s.replace(/[ \u00a0]+/g, " ");

describe("renderPurchaseOrderPdf", () => {
  it("prints every mandatory mention of a purchase order", async () => {
    const pdf = await renderPurchaseOrderPdf(order());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, info, stderr, pages } = readPdf(pdf);
    expect(stderr).toBe("");
    expect(pages).toHaveLength(1);
    const flat = squash(text);

    expect(text).toContain("RÉPUBLIQUE FRANÇAISE");
    expect(text).toContain("Liberté Égalité Fraternité");
    expect(text).toContain("Bon de commande n° BDC-2026-0042");
    expect(text).not.toContain("modificatif");
    expect(flat).toContain("Accord-cadre n° 21_BAM_048 – Réalisation de services publics numériques");
    expect(flat).toContain("Date de la commande : 24 novembre 2026");

    // Parties: pdftotext puts the two boxes side by side on the same text lines.
    expect(text).toContain("Direction interministérielle du numérique (DINUM)");
    expect(flat).toContain("SIRET : 130 025 265 00013");
    expect(flat).toContain("Code service Chorus : DINUM0001");
    expect(flat).toContain("75334 Paris Cedex 07");
    expect(text).toContain("Cœur Numérique SAS");
    expect(flat).toContain("SIRET : 418 166 096 00069");
    expect(flat).toContain("12 rue de l’Œuvre");

    expect(flat).toContain("Produit : Démarches Simplifiées");
    expect(flat).toContain("Période prévue : du 1 décembre 2026 au 31 mai 2027");

    // Table: header and one row per line, amounts with plain spaces as thousands separator
    // (the narrow no-break space of Intl fr-FR would not survive WinAnsi).
    expect(flat).toMatch(/Désignation de l’UO Quantité \(UO\) Jours Prix unitaire HT Montant HT/);
    expect(flat).toContain("Devops – Confirmé 2,55 51 12 600,00 € 32 130,00 €");
    expect(flat).toContain("Design – Confirmé 6 120 11 400,00 € 68 400,00 €");
    expect(flat).toContain("Product Management 1,5 30 13 250,50 € 19 875,75 €");

    expect(flat).toContain("Total HT 120 405,75 €");
    expect(flat).toContain("TVA (20 %) 24 081,15 €");
    expect(flat).toContain("Total TTC 144 486,90 €");

    expect(text).toContain("Livrables attendus");
    expect(text).toContain("Le journal des modifications « changelog ».");
    expect(text).toContain("La documentation d’exploitation.");
    expect(flat).toContain("Engagement juridique (EJ) n° 1300012345");
    expect(flat).toContain("Signé par Jeanne Martin, le 24 novembre 2026, pour le bénéficiaire");
    expect(flat).toContain("Page 1 / 1");

    expect(info).toContain("Page size:       595.28 x 841.89 pts (A4)");
    expect(info).toMatch(/Title:\s+Bon de commande n° BDC-2026-0042/);
    expect(info).toMatch(/Author:\s+Direction interministérielle du numérique \(DINUM\)/);
    expect(info).toMatch(/Subject:\s+Accord-cadre n° 21_BAM_048/);
    expect(pdf.toString("latin1")).toContain("/Lang (fr-FR)");
  });

  it("names the order a corrective order modifies, and prints negative lines", async () => {
    const pdf = await renderPurchaseOrderPdf(
      order({
        number: "BDC-2026-0057",
        correctsNumber: "BDC-2026-0042",
        lines: [
          {
            label: "Devops – Confirmé",
            quantity: "-0.5",
            days: "-10",
            unitPriceHtCents: 1_260_000,
            amountHtCents: -630_000n,
            deliverables: "",
          },
        ],
        totals: { htCents: -630_000n, vatRateBp: 2000, vatCents: -126_000n, ttcCents: -756_000n },
      }),
    );
    const { text, stderr } = readPdf(pdf);
    expect(stderr).toBe("");
    const flat = squash(text);
    expect(flat).toContain("Bon de commande n° BDC-2026-0057");
    expect(flat).toContain("Bon de commande modificatif — modifie le bon de commande n° BDC-2026-0042");
    expect(flat).toContain("Devops – Confirmé -0,5 -10 12 600,00 € -6 300,00 €");
    expect(flat).toContain("Total TTC -7 560,00 €");
    expect(flat).toContain("Non précisés.");
  });

  it("prints hostile or exotic user text literally without breaking the file", async () => {
    const hostile = [
      "<script>alert(1)</script>",
      "%PDF-1.7 %%EOF",
      ") Tj ET BT /F1 99 Tf (pwned) Tj",
      "\\) \\( <> << /Type /Catalog >>",
      "tab\there, 1\u202f234\u00a0€, emoji 🚀, ő, 日本",
    ].join("\n");
    const data = order();
    data.lines[0]!.deliverables = hostile;
    data.lines[1]!.label = "Design – Confirmé ) Tj";
    const pdf = await renderPurchaseOrderPdf(data);
    const { text, stderr, info } = readPdf(pdf);
    expect(stderr).toBe("");
    expect(info).toMatch(/Pages:\s+\d+\n/);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("%PDF-1.7 %%EOF");
    expect(text).toContain(") Tj ET BT /F1 99 Tf (pwned) Tj");
    expect(text).toContain("\\) \\( <> << /Type /Catalog >>");
    expect(text).toContain("Design – Confirmé ) Tj");
    // Outside WinAnsi: readable substitutes instead of garbage glyphs.
    expect(squash(text)).toContain("tab here, 1 234 €, emoji ?, o, ??");
  });

  it("paginates a long order, repeating the table header and numbering every page", async () => {
    const data = order();
    data.lines = Array.from({ length: 40 }, (_, i) => ({
      label: `Devops – Confirmé (lot ${String(i + 1).padStart(2, "0")})`,
      quantity: "1",
      days: "20",
      unitPriceHtCents: 1_260_000,
      amountHtCents: 1_260_000n,
      deliverables: `Livrables du lot ${i + 1} : service en production, code source, documentation.`,
    }));
    data.totals = { htCents: 50_400_000n, vatRateBp: 2000, vatCents: 10_080_000n, ttcCents: 60_480_000n };
    const { pages, text, stderr, info } = readPdf(await renderPurchaseOrderPdf(data));
    expect(stderr).toBe("");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(new RegExp(`Pages:\\s+${pages.length}\\n`));
    pages.forEach((page, i) => {
      expect(squash(page)).toContain(`Page ${i + 1} / ${pages.length}`);
    });
    expect(text).toContain("Page 2 / ");
    // Every page holding table rows starts its part of the table with the header.
    const tablePages = pages.filter((p) => /\(lot \d\d\)\s+1\s+20/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) {
      const header = page.indexOf("Désignation de l’UO");
      expect(header).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(page.search(/\(lot \d\d\)\s+1\s+20/));
    }
    for (let i = 1; i <= 40; i++) {
      expect(text).toContain(`(lot ${String(i).padStart(2, "0")})`);
    }
    expect(squash(text)).toContain("Total TTC 604 800,00 €");
  });

  it("gives the same bytes for the same order", async () => {
    const a = await renderPurchaseOrderPdf(order());
    const b = await renderPurchaseOrderPdf(order());
    expect(a.equals(b)).toBe(true);
  });

  it("rejects instead of returning a partial file when drawing fails", async () => {
    const data = order();
    // A broken amount makes formatEuros throw in the middle of the table.
    (data.lines[1] as { amountHtCents: unknown }).amountHtCents = Number.NaN;
    await expect(renderPurchaseOrderPdf(data)).rejects.toThrow();
  });
});
