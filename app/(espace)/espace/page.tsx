import { Tile } from "@codegouvfr/react-dsfr/Tile";
import type { Metadata } from "next";
import { MembershipSwitcher } from "@/components/auth/MembershipSwitcher";
import { ROLE_LABELS } from "@/lib/auth/actor";
import { navigationLinksFor } from "@/lib/auth/navigation";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Mon espace" };

export default async function MySpacePage() {
  const actor = await requireActor("/espace");
  const { membership, memberships } = actor;
  // "Mon espace" itself is not worth a tile on its own page.
  const links = navigationLinksFor(membership.role).filter((l) => l.href !== "/espace");

  return (
    <>
      <h1>Bonjour {actor.displayName}</h1>
      <p className="fr-text--lead">
        Vous agissez pour <strong>{membership.organisationName}</strong>, avec le rôle «&nbsp;
        {ROLE_LABELS[membership.role]}&nbsp;».
      </p>

      {memberships.length > 1 && (
        <section className="fr-mb-6w" aria-labelledby="changer-d-espace">
          <h2 id="changer-d-espace">Changer d'espace</h2>
          <p>
            Vous avez accès à plusieurs espaces. Ce que vous voyez et ce que vous pouvez faire dépendent de
            l'espace choisi.
          </p>
          <MembershipSwitcher
            memberships={memberships.map(({ id, role, organisationName }) => ({
              id,
              role,
              organisationName,
            }))}
            currentId={membership.id}
          />
        </section>
      )}

      <h2>Ce que vous pouvez faire</h2>
      {links.length === 0 ? (
        <p>Aucune rubrique n'est encore ouverte pour votre rôle.</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {links.map((link) => (
            <li key={link.href} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
              <Tile
                title={link.label}
                titleAs="h3"
                desc={link.description}
                linkProps={{ href: link.href }}
                enlargeLinkOrButton
                orientation="horizontal"
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
