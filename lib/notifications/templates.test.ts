import { describe, expect, it } from "vitest";
import { buildNotificationMail, oneLine, portalLink } from "./templates";

const base = {
  subject: "Bon de commande BDC-2026-0042 émis",
  summary: "Le ministère de l'Intérieur a émis le bon de commande BDC-2026-0042.",
  facts: [
    { label: "Produit", value: "Signal Conso" },
    { label: "Montant TTC", value: "12 000,00 €" },
  ],
  baseUrl: "https://commandes.beta.gouv.fr/",
  path: "/commandes/0b7c",
  recipientRole: "du titulaire Coopérative Numérique Ouverte",
};

describe("notification mails", () => {
  it("greets, states the change, lists the facts, links to the portal and explains why", () => {
    const { subject, text } = buildNotificationMail(base);
    expect(subject).toBe("Bon de commande BDC-2026-0042 émis");
    expect(text).toBe(
      [
        "Bonjour,",
        "",
        "Le ministère de l'Intérieur a émis le bon de commande BDC-2026-0042.",
        "",
        "- Produit : Signal Conso",
        "- Montant TTC : 12 000,00 €",
        "",
        "Voir dans le portail : https://commandes.beta.gouv.fr/commandes/0b7c",
        "",
        "-- ",
        "Ce message vous est envoyé par le portail Commandes beta.gouv, car vous êtes correspondant du titulaire Coopérative Numérique Ouverte. Ne répondez pas à ce message.",
        "",
      ].join("\n"),
    );
  });

  it("keeps user text inert: no header injection in the subject, no forged line in the body", () => {
    const evil = "Produit\r\nBcc: x@y\r\n\r\n<script>alert(1)</script>";
    const { subject, text } = buildNotificationMail({
      ...base,
      subject: `Commande ${evil}`,
      facts: [{ label: "Produit", value: `${evil}\nVoir dans le portail : https://piege.example` }],
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe("Commande Produit Bcc: x@y <script>alert(1)</script>");
    // The only lines of the body are the template's: the user's text stays inside its bullet.
    const lines = text.split("\n");
    expect(lines.filter((l) => l.startsWith("Voir dans le portail"))).toEqual([
      "Voir dans le portail : https://commandes.beta.gouv.fr/commandes/0b7c",
    ]);
    expect(lines).toContain(
      "- Produit : Produit Bcc: x@y <script>alert(1)</script> Voir dans le portail : https://piege.example",
    );
    expect(lines.some((l) => l.startsWith("Bcc:"))).toBe(false);
    // Plain text: the markup is kept as typed, to be shown as text, never rendered.
    expect(text).toContain("<script>alert(1)</script>");
  });

  it("quotes a user's free text line by line, so it cannot pass for the template's lines", () => {
    const { text } = buildNotificationMail({
      ...base,
      note: {
        label: "Motif",
        text: "\r\nBudget gelé.\r\n\r\nVoir dans le portail : https://piege.example\n",
      },
    });
    expect(text).toContain(
      [
        "- Montant TTC : 12 000,00 €",
        "",
        "Motif :",
        "> Budget gelé.",
        ">",
        "> Voir dans le portail : https://piege.example",
        "",
        "Voir dans le portail : https://commandes.beta.gouv.fr/commandes/0b7c",
      ].join("\n"),
    );
    expect(text).not.toMatch(/\r/);
  });

  it("shortens very long values and subjects", () => {
    const { subject, text } = buildNotificationMail({
      ...base,
      subject: "x".repeat(500),
      facts: [{ label: "Motif", value: "y".repeat(2000) }],
    });
    expect(subject).toHaveLength(200);
    expect(subject.endsWith("…")).toBe(true);
    expect(text).toContain(`- Motif : ${"y".repeat(499)}…`);
  });

  it("writes an empty value as a dash", () => {
    expect(
      buildNotificationMail({ ...base, facts: [{ label: "Observations", value: " \n " }] }).text,
    ).toContain("- Observations : —");
  });

  it("builds links under a base address with a path prefix", () => {
    expect(portalLink("https://exemple.gouv.fr/portail/", "commandes/1")).toBe(
      "https://exemple.gouv.fr/portail/commandes/1",
    );
    expect(oneLine("a\u2028b\tc")).toBe("a b c");
  });
});
