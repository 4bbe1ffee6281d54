import { describe, expect, it } from "vitest";
import { orderMail } from "./notifications";

const EVENTS = [
  "issued",
  "corrected",
  "cancelled",
  "acknowledged",
  "observed",
  "started",
  "completed",
  "completedByWork",
  "closed",
] as const;

describe("order mails", () => {
  it.each(EVENTS)("%s: names the order, links to it, and reads as French", (event) => {
    const mail = orderMail(event, {
      id: "0b8e2c1e-0000-4000-8000-000000000001",
      number: "BDC-2026-0042",
      productName: "Carnet de bord",
      totalHtCents: 2_939_000n,
      reason: "Motif <b>libre</b>",
    });
    expect(mail.subject).toContain("BDC-2026-0042");
    expect(mail.text).toContain("/commandes/0b8e2c1e-0000-4000-8000-000000000001");
    expect(mail.text).toMatch(/Montant HT : 29\s390,00\s€/);
    expect(mail.text).toMatch(
      /car vous êtes correspondant (du titulaire|du bénéficiaire|de cette commande)\./,
    );
    expect(mail.text).not.toMatch(/correspondant correspondant/);
  });
});
