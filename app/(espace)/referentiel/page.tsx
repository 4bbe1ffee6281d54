import { Tile } from "@codegouvfr/react-dsfr/Tile";
import type { Metadata } from "next";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Référentiel" };

export default async function ReferencePage() {
  const actor = await requireActor("/referentiel");
  const links = [
    {
      href: "/referentiel/accord-cadre",
      title: "Accord-cadre et unités d'œuvre",
      desc: "La période, le montant maximum et le catalogue des unités d'œuvre.",
      show: can(actor, "reference:read"),
    },
    {
      href: "/referentiel/titulaires",
      title: "Titulaires",
      desc: "Les entreprises titulaires de l'accord-cadre.",
      show: can(actor, "organisation:manage"),
    },
    {
      href: "/referentiel/beneficiaires",
      title: "Bénéficiaires",
      desc: "Les ministères et organismes qui passent commande.",
      show: can(actor, "organisation:manage"),
    },
    {
      href: "/referentiel/personnes",
      title: "Personnes et habilitations",
      desc: "Qui peut se connecter, et pour quelle organisation.",
      show: can(actor, "people:manage"),
    },
  ].filter((l) => l.show);

  return (
    <>
      <h1>Référentiel</h1>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {links.map((l) => (
          <li key={l.href} className="fr-col-12 fr-col-md-6">
            <Tile
              title={l.title}
              titleAs="h2"
              desc={l.desc}
              linkProps={{ href: l.href }}
              enlargeLinkOrButton
              orientation="horizontal"
            />
          </li>
        ))}
      </ul>
    </>
  );
}
