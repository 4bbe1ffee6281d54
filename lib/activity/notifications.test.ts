import { describe, expect, it } from "vitest";
import { activityMail } from "./notifications";

describe("activity report mails", () => {
  it.each(["submitted", "validated", "rejected"] as const)(
    "%s: names the order and the month, links to the report, and reads as French",
    (event) => {
      const mail = activityMail(event, {
        orderId: "0b8e2c1e-0000-4000-8000-000000000001",
        orderNumber: "BDC-2026-0042",
        productName: "Carnet de bord",
        month: "2026-06",
        isAdjustment: false,
        billableDays: "12.5",
        reason: "Activités à préciser.",
      });
      expect(mail.subject).toContain("BDC-2026-0042");
      expect(mail.subject).toContain("juin 2026");
      expect(mail.text).toContain("/commandes/0b8e2c1e-0000-4000-8000-000000000001/activite/2026-06");
      expect(mail.text).toMatch(/car vous êtes correspondant (du titulaire|du bénéficiaire)\./);
      expect(mail.text).not.toMatch(/correspondant correspondant/);
      if (event === "rejected") expect(mail.text).toContain("> Activités à préciser.");
    },
  );
});
