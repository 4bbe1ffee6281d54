import { strFromU8, unzipSync } from "fflate";
import { load, YAML11_SCHEMA } from "js-yaml";
import { describe, expect, it } from "vitest";
import {
  buildCards,
  buildCardsZip,
  type CardsInput,
  deriveUsername,
  type MemberSource,
  type ProductSource,
} from "./cards";

const cdtn = { id: "p1", name: "Code du travail numérique", betaGouvId: "code-du-travail-numerique" };
const permis = { id: "p2", name: "Mon espace permis", betaGouvId: null };

function member(over: Partial<MemberSource> = {}): MemberSource {
  return {
    fullName: "Élodie Martin",
    betaUsername: "elodie.martin",
    status: "INDEPENDENT",
    subcontractorName: null,
    contractorName: "Coopérative Numérique Ouverte",
    uoLabel: "Devops – Confirmé",
    uoFamily: "DEVOPS",
    missions: [{ startsOn: "2026-01-05", endsOn: "2026-06-30", product: cdtn }],
    ...over,
  };
}

function product(over: Partial<ProductSource> = {}): ProductSource {
  return {
    ...cdtn,
    incubator: "sgmas",
    statsUrl: "https://code.travail.gouv.fr/stats",
    description: "Réponses personnalisées aux questions de droit du travail.",
    beneficiaryName: "Ministère du Travail",
    beneficiaryAcronym: "MTEI",
    contactEmail: "paul.durand@travail.gouv.fr",
    phases: [
      { phase: "CONSTRUCTION", startsOn: "2018-01-01", endsOn: "2019-06-30", comment: "" },
      { phase: "ACCELERATION", startsOn: "2019-07-01", endsOn: null, comment: "" },
    ],
    ...over,
  };
}

function input(over: Partial<CardsInput> = {}): CardsInput {
  return {
    preparedFor: "Coopérative Numérique Ouverte (titulaire)",
    today: "2026-11-24",
    members: [member()],
    products: [product()],
    membersWithoutMission: [],
    ...over,
  };
}

/** The front matter the way Jekyll finds it: from the first "---" line to the next one. */
function frontMatterOf(card: string): unknown {
  const match = /^---\n([\s\S]*?\n)^---$/m.exec(card);
  if (!match) throw new Error("no front matter");
  return load(match[1] as string, { schema: YAML11_SCHEMA });
}

describe("member cards (content/_authors/<username>.md)", () => {
  it("follows the structure of the site's cards exactly", () => {
    // Same layout as betagouv/beta.gouv.fr content/_authors/alexandra.le-borgne.md
    // (commit 024e73faa7bc2b0aa64dcf12e9e27f3bada8c2dd): fullname, role, domaine, then
    // missions with bare dates, status, employer and the mission's startups.
    const files = buildCards(
      input({
        members: [
          member({
            missions: [
              { startsOn: "2026-07-01", endsOn: "2026-12-31", product: permis },
              { startsOn: "2026-01-05", endsOn: "2026-06-30", product: cdtn },
              { startsOn: "2026-07-01", endsOn: "2026-12-31", product: cdtn },
            ],
          }),
        ],
      }),
    );
    expect(files["content/_authors/elodie.martin.md"]).toBe(
      [
        "---",
        "fullname: Élodie Martin",
        "role: Devops – Confirmé",
        "domaine: Développement",
        "missions:",
        "  - start: 2026-01-05",
        "    end: 2026-06-30",
        "    status: independent",
        "    employer: Coopérative Numérique Ouverte",
        "    startups:",
        "      - code-du-travail-numerique",
        "  - start: 2026-07-01",
        "    end: 2026-12-31",
        "    status: independent",
        "    employer: Coopérative Numérique Ouverte",
        "    startups:",
        "      - mon-espace-permis",
        "      - code-du-travail-numerique",
        "---",
        "",
      ].join("\n"),
    );
    // Read as the site reads it (YAML 1.1): dates are dates, not strings.
    const data = frontMatterOf(files["content/_authors/elodie.martin.md"] as string) as {
      missions: Array<{ start: unknown; end: unknown }>;
    };
    expect(data.missions[0]?.start).toEqual(new Date("2026-01-05T00:00:00Z"));
    expect(data.missions[1]?.end).toEqual(new Date("2026-12-31T00:00:00Z"));
  });

  it("maps statuses and employers: employee → service, subcontractor's staff → its company", () => {
    const files = buildCards(
      input({
        members: [
          member({
            fullName: "A B",
            betaUsername: "a.b",
            status: "EMPLOYEE",
            uoFamily: "DESIGN",
            uoLabel: "Design",
          }),
          member({
            fullName: "C D",
            betaUsername: "c.d",
            status: "SUBCONTRACTOR",
            subcontractorName: "Sous-traitant SAS",
            uoFamily: "PRODUCT_MANAGEMENT",
          }),
        ],
      }),
    );
    const ab = frontMatterOf(files["content/_authors/a.b.md"] as string) as Record<string, never>;
    expect(ab).toMatchObject({
      domaine: "Design",
      missions: [{ status: "service", employer: "Coopérative Numérique Ouverte" }],
    });
    const cd = frontMatterOf(files["content/_authors/c.d.md"] as string) as Record<string, never>;
    expect(cd).toMatchObject({
      domaine: "Produit",
      missions: [{ status: "service", employer: "Sous-traitant SAS" }],
    });
  });

  it("keeps a YAML injection attempt in a name as a plain string", () => {
    const evil = "x\n---\nrole: admin";
    const files = buildCards(
      input({ members: [member({ fullName: evil, betaUsername: null, uoLabel: "no" })] }),
    );
    const path = Object.keys(files).find((p) => p.startsWith("content/_authors/")) as string;
    expect(path).toBe("content/_authors/x.role-admin.md");
    const card = files[path] as string;
    // The front matter still ends where the generator ended it.
    const data = frontMatterOf(card) as Record<string, unknown>;
    expect(data.fullname).toBe(evil);
    expect(data.role).toBe("no"); // not the boolean false of YAML 1.1
    expect(Object.keys(data)).toEqual(["fullname", "role", "domaine", "missions"]);
    expect(card.split("\n").filter((l) => l === "---")).toHaveLength(2);
  });

  it("derives prenom.nom usernames, flags them in the README, never reuses a name", () => {
    const files = buildCards(
      input({
        members: [
          member({ fullName: "Jean-Éric de La Tour", betaUsername: null }),
          member({ fullName: "Chloé Lœuvre", betaUsername: "../../etc/passwd" }),
          member({ fullName: "Élodie Martin", betaUsername: null }),
          member({ fullName: "Élodie Martin", betaUsername: "elodie.martin" }),
        ],
      }),
    );
    const authors = Object.keys(files)
      .filter((p) => p.startsWith("content/_authors/"))
      .sort();
    expect(authors).toEqual([
      "content/_authors/chloe.loeuvre.md",
      "content/_authors/elodie.martin-2.md",
      "content/_authors/elodie.martin.md",
      "content/_authors/jean-eric.de-la-tour.md",
    ]);
    const readme = files["README.md"] as string;
    expect(readme).toContain(
      "Jean-Éric de La Tour → `jean-eric.de-la-tour` (aucun identifiant beta.gouv.fr renseigné",
    );
    expect(readme).toContain("Élodie Martin → `elodie.martin-2`");
    expect(readme).toContain("Chloé Lœuvre → `chloe.loeuvre` (l'identifiant « ../../etc/passwd » saisi");
    expect(deriveUsername("  ")).toBe("intervenant");
  });

  it("lists in the README the staffers left without a card", () => {
    const files = buildCards(input({ membersWithoutMission: ["Sans Mission"] }));
    expect(files["README.md"]).toContain("Sans Mission : aucune affectation, pas de fiche");
  });
});

describe("product cards (content/_startups/<id>.md)", () => {
  it("follows the structure of the site's cards exactly", () => {
    // Same layout as betagouv/beta.gouv.fr content/_startups/aidantsconnect.md (commit
    // 0aa09fcca4c3cb1a9c7c7dd0871c0040d04b15ec): title, mission, sponsors, incubator, phases
    // (name, start, end), stats, stats_url, contact.
    const files = buildCards(input());
    expect(files["content/_startups/code-du-travail-numerique.md"]).toBe(
      [
        "---",
        "title: Code du travail numérique",
        "mission: Réponses personnalisées aux questions de droit du travail.",
        "sponsors:",
        "  - /organisations/mtei",
        "incubator: sgmas",
        "phases:",
        "  - name: construction",
        "    start: 2018-01-01",
        "    end: 2019-06-30",
        "  - name: acceleration",
        "    start: 2019-07-01",
        "stats: true",
        "stats_url: https://code.travail.gouv.fr/stats",
        "contact: paul.durand@travail.gouv.fr",
        "---",
        "",
      ].join("\n"),
    );
    expect(files["README.md"]).toContain("Rien à signaler.");
  });

  it("uses the site's current phase names, abandon after investigation included", () => {
    const files = buildCards(
      input({
        products: [
          product({
            phases: [
              { phase: "INVESTIGATION", startsOn: "2024-03-01", endsOn: "2024-04-30", comment: "Go" },
              { phase: "ABANDON", startsOn: "2024-05-01", endsOn: null, comment: "" },
            ],
          }),
          product({
            ...permis,
            phases: [
              { phase: "CONSOLIDATION", startsOn: "2020-01-01", endsOn: "2020-12-31", comment: "" },
              { phase: "TRANSFERT", startsOn: "2021-01-01", endsOn: "2021-12-31", comment: "" },
              { phase: "OPERE", startsOn: "2022-01-01", endsOn: null, comment: "" },
            ],
          }),
        ],
      }),
    );
    const a = frontMatterOf(files["content/_startups/code-du-travail-numerique.md"] as string) as {
      phases: Array<{ name: string; comment?: string }>;
    };
    expect(a.phases).toMatchObject([
      { name: "investigation", comment: "Go" },
      { name: "abandon-investigation" },
    ]);
    const b = frontMatterOf(files["content/_startups/mon-espace-permis.md"] as string) as {
      phases: Array<{ name: string }>;
    };
    expect(b.phases.map((p) => p.name)).toEqual(["consolidation", "transfere", "opere"]);
  });

  it("flags what a person must complete, and writes no card without a phase", () => {
    const files = buildCards(
      input({
        members: [],
        products: [
          product({
            ...permis,
            incubator: "Lab de l'Intérieur",
            beneficiaryAcronym: "MI",
            beneficiaryName: "Ministère de l'Intérieur",
            description: "",
            contactEmail: null,
            statsUrl: null,
          }),
          product({ id: "p3", name: "Sans phase", betaGouvId: "sans-phase", phases: [] }),
        ],
      }),
    );
    const card = frontMatterOf(files["content/_startups/mon-espace-permis.md"] as string) as Record<
      string,
      unknown
    >;
    expect(card).not.toHaveProperty("sponsors");
    expect(card).not.toHaveProperty("contact");
    expect(card).not.toHaveProperty("stats_url");
    expect(card.incubator).toBe("Lab de l'Intérieur");
    expect(files).not.toHaveProperty(["content/_startups/sans-phase.md"]);
    const readme = files["README.md"] as string;
    expect(readme).toContain("Mon espace permis → `mon-espace-permis` (aucun identifiant beta.gouv.fr");
    expect(readme).toContain(
      "sponsor à choisir parmi les organisations du site pour « Ministère de l'Intérieur »",
    );
    expect(readme).toContain("incubateur : remplacez « Lab de l'Intérieur »");
    expect(readme).toContain("mission à rédiger");
    expect(readme).toContain("contact à renseigner");
    expect(readme).toContain("Sans phase : aucune phase déclarée");
  });

  it("keeps markup typed in a product as text", () => {
    const files = buildCards(
      input({
        products: [product({ name: "<script>alert(1)</script>", description: "---\ntitle: pirate" })],
      }),
    );
    const card = frontMatterOf(files["content/_startups/code-du-travail-numerique.md"] as string) as Record<
      string,
      unknown
    >;
    expect(card.title).toBe("<script>alert(1)</script>");
    expect(card.mission).toBe("---\ntitle: pirate");
  });
});

describe("buildCardsZip", () => {
  it("zips the cards in the repository's layout with the README", () => {
    const files = unzipSync(buildCardsZip(input()));
    expect(Object.keys(files).sort()).toEqual([
      "README.md",
      "content/_authors/elodie.martin.md",
      "content/_startups/code-du-travail-numerique.md",
    ]);
    expect(strFromU8(files["content/_authors/elodie.martin.md"] as Uint8Array)).toContain(
      "fullname: Élodie Martin",
    );
  });
});
