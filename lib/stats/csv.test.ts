import { describe, expect, it } from "vitest";
import { statsTableToCsv } from "./csv";
import { centsToDecimal, monthLabel, type PublicStats, quarterLabel, statsTable } from "./rules";

const stats: PublicStats = {
  computedAt: "2026-11-24T10:00:00.000Z",
  totals: {
    orders: 3,
    beneficiaries: 2,
    products: 2,
    staffers: 4,
    committedHtCents: 123_456_789n,
    certifiedHtCents: 5n,
    refactionHtCents: 0n,
  },
  quarters: [{ start: "2026-07-01", orders: 2, beneficiaries: 2, products: 2, staffers: 3 }],
  months: [{ month: "2026-09", committedHtCents: 100n, certifiedHtCents: 0n }],
  families: [{ family: "DEVOPS", committedHtCents: 9_007_199_254_740_993n, certifiedHtCents: 0n }],
  delays: [
    { key: "acknowledgement", medianDays: "2.5", count: 4 },
    { key: "payment", medianDays: null, count: 0 },
  ],
};

describe("labels", () => {
  it("names quarters and months in French", () => {
    expect(quarterLabel("2026-01-01")).toBe("2026 T1");
    expect(quarterLabel("2026-10-01")).toBe("2026 T4");
    expect(monthLabel("2026-02")).toBe("févr. 2026");
    expect(centsToDecimal(123_456_789n)).toBe("1234567.89");
    expect(centsToDecimal(5n)).toBe("0.05");
  });
});

describe("the statistics CSV (RFC 4180)", () => {
  const csv = statsTableToCsv(statsTable(stats, "2026-11-24"));

  it("has a header, CRLF line ends, a BOM, and exact amounts in euros", () => {
    expect(csv.startsWith("\ufeffIndicateur,Période,Famille d'unités d'œuvre,Valeur,Unité\r\n")).toBe(true);
    expect(csv.split("\r\n").every((l) => !l.includes("\n"))).toBe(true);
    expect(csv).toContain("Montant engagé HT (total),,,1234567.89,euros\r\n");
    expect(csv).toContain("Montant engagé HT,,Devops,90071992547409.93,euros\r\n");
    expect(csv).toContain("Montant engagé HT,2026-09,,1.00,euros\r\n");
    expect(csv).toContain("Bons de commande émis,2026 T3,,2,nombre\r\n");
    expect(csv).toContain(
      "Délai médian : De l'émission du bon de commande à son accusé de réception par le titulaire,,,2.5,jours\r\n",
    );
  });

  it("neutralises cells that a spreadsheet would run as a formula, and quotes what must be", () => {
    const payloads = [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)",
      "-2+3",
      "\tx",
      "a,b",
      'dit "non"',
    ];
    const out = statsTableToCsv({
      name: "t",
      title: "t",
      columns: [{ key: "v", label: "Valeur" }],
      rows: payloads.map((v) => ({ v })),
    });
    const lines = out.replace(/^\ufeff/, "").split("\r\n");
    expect(lines.slice(1, -1)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")"`,
      "'+cmd|' /C calc'!A0",
      "'@SUM(1+1)",
      "'-2+3",
      "'\tx",
      '"a,b"',
      '"dit ""non"""',
    ]);
    expect(lines.at(-1)).toBe("");
  });
});
