import { describe, expect, it } from "vitest";
import {
  daysBetween,
  formatDelay,
  invoiceAmountErrors,
  isoMinusDays,
  LEGAL_PAYMENT_DELAY_DAYS,
  paidOnError,
  paymentDelay,
  receivedOnError,
} from "./rules";

describe("paymentDelay (décret 2013-269: 30 days for the State)", () => {
  it("counts from receipt to payment once paid", () => {
    expect(paymentDelay({ receivedOn: "2026-09-01", paidOn: "2026-09-25" }, "2026-11-24")).toEqual({
      days: 24,
      paid: true,
      late: false,
    });
  });

  it("is late beyond 30 days, not at 30", () => {
    expect(LEGAL_PAYMENT_DELAY_DAYS).toBe(30);
    expect(paymentDelay({ receivedOn: "2026-09-01", paidOn: "2026-10-01" }, "2026-11-24").late).toBe(false);
    expect(paymentDelay({ receivedOn: "2026-09-01", paidOn: "2026-10-02" }, "2026-11-24")).toEqual({
      days: 31,
      paid: true,
      late: true,
    });
  });

  it("counts to today while unpaid, and flags an unpaid invoice as soon as it is overdue", () => {
    expect(paymentDelay({ receivedOn: "2026-10-25", paidOn: null }, "2026-11-24")).toEqual({
      days: 30,
      paid: false,
      late: false,
    });
    expect(paymentDelay({ receivedOn: "2026-10-24", paidOn: null }, "2026-11-24").late).toBe(true);
  });

  it("counts calendar days across months, years and the daylight-saving change", () => {
    expect(daysBetween("2026-10-20", "2026-11-03")).toBe(14);
    expect(daysBetween("2026-12-15", "2027-01-14")).toBe(30);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(isoMinusDays("2026-03-01", 30)).toBe("2026-01-30");
    // Across the clock changes of 2026 (29 March, 25 October): calendar days, not 24-hour steps.
    expect(daysBetween("2026-10-10", "2026-11-24")).toBe(45);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(isoMinusDays("2026-11-24", 45)).toBe("2026-10-10");
    expect(isoMinusDays("2026-03-30", 2)).toBe("2026-03-28");
  });

  it("writes the delay in French", () => {
    expect(formatDelay(1)).toBe("1 jour");
    expect(formatDelay(45)).toBe("45 jours");
  });
});

describe("dates of an invoice", () => {
  it("refuses a receipt date in the future", () => {
    expect(receivedOnError("2026-11-25", "2026-11-24")).toMatch(/futur/);
    expect(receivedOnError("2026-11-24", "2026-11-24")).toBeNull();
  });

  it("refuses a payment before receipt or in the future", () => {
    expect(paidOnError("2026-10-01", "2026-10-02", "2026-11-24")).toMatch(/précéder la date de réception/);
    expect(paidOnError("2026-11-25", "2026-10-02", "2026-11-24")).toMatch(/futur/);
    expect(paidOnError("2026-10-02", "2026-10-02", "2026-11-24")).toBeNull();
  });
});

describe("invoiceAmountErrors", () => {
  const base = { certifiedHtCents: 1_000_000n, alreadyInvoicedHtCents: 0n };

  it("accepts HT up to what is left to invoice, TTC ≥ HT", () => {
    expect(invoiceAmountErrors({ ...base, amountHtCents: 1_000_000n, amountTtcCents: 1_200_000n })).toEqual(
      {},
    );
    expect(
      invoiceAmountErrors({
        ...base,
        alreadyInvoicedHtCents: 400_000n,
        amountHtCents: 600_000n,
        amountTtcCents: 600_000n,
      }),
    ).toEqual({});
  });

  it("refuses HT above the certified amount left", () => {
    const e = invoiceAmountErrors({
      ...base,
      alreadyInvoicedHtCents: 400_000n,
      amountHtCents: 600_001n,
      amountTtcCents: 720_001n,
    });
    expect(e.amountHt?.[0]).toMatch(
      /dépasse ce qui reste à facturer sur ce service fait \(6\s000,00\s€ HT\)/,
    );
    expect(
      invoiceAmountErrors({
        ...base,
        alreadyInvoicedHtCents: 1_000_000n,
        amountHtCents: 1n,
        amountTtcCents: 1n,
      }).amountHt,
    ).toEqual(["Ce service fait est déjà entièrement facturé."]);
  });

  it("refuses TTC below HT", () => {
    expect(
      invoiceAmountErrors({ ...base, amountHtCents: 500_000n, amountTtcCents: 499_999n }).amountTtc,
    ).toEqual(["Le montant TTC ne peut pas être inférieur au montant HT."]);
  });
});
