import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { MembershipAddForm } from "@/components/people/MembershipAddForm";
import { MembershipList } from "@/components/people/MembershipList";
import { UserForm } from "@/components/people/UserForm";
import { ActiveToggleForm } from "@/components/ui/ActiveToggleForm";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/dates";
import { listOrganisationOptions } from "@/lib/organisations/queries";
import { orNotFound } from "@/lib/pages";
import { setUserActiveAction } from "@/lib/people/actions";
import { isOwnAccount } from "@/lib/people/policies";
import { getUser } from "@/lib/people/queries";

export const metadata: Metadata = { title: "Personne" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/referentiel/personnes/${id}`);
  const [user, options] = await orNotFound(
    Promise.all([getUser({ actor, id }), listOrganisationOptions({ actor })]),
  );
  const isSelf = isOwnAccount(actor, user.id);

  return (
    <>
      <Breadcrumb
        currentPageLabel={user.displayName}
        segments={[{ label: "Personnes", linkProps: { href: "/referentiel/personnes" } }]}
      />
      <h1>
        {user.displayName}{" "}
        {!user.active && (
          <Badge severity="warning" as="span">
            Compte désactivé
          </Badge>
        )}
      </h1>
      <p>
        {user.email} ·{" "}
        {user.lastSignInAt
          ? `dernière connexion le ${formatDateTime(user.lastSignInAt)}`
          : "jamais connectée"}
      </p>

      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="modifier">
          <h2 id="modifier">Modifier la personne</h2>
          <UserForm
            values={{
              id: user.id,
              version: user.version,
              email: user.email,
              givenName: user.givenName,
              usualName: user.usualName,
            }}
          />
        </section>
        <section className="fr-col-12 fr-col-md-4" aria-labelledby="compte">
          <h2 id="compte">Compte</h2>
          {isSelf ? (
            <p>C'est votre compte : vous ne pouvez pas le désactiver vous-même.</p>
          ) : (
            <ActiveToggleForm
              action={setUserActiveAction}
              id={user.id}
              version={user.version}
              active={user.active}
              activateLabel="Réactiver le compte"
              deactivateLabel="Désactiver le compte"
              explanation={
                user.active
                  ? "La personne perdra tout accès au portail dès sa prochaine page consultée. Son historique est conservé."
                  : "La personne retrouvera l'accès que lui donnent ses habilitations actives."
              }
            />
          )}
        </section>
      </div>

      <section aria-labelledby="habilitations" className="fr-mt-6w">
        <h2 id="habilitations">Habilitations</h2>
        <p>
          Retirer une habilitation supprime l'accès correspondant dès la prochaine page consultée par la
          personne.
        </p>
        <MembershipList memberships={user.memberships} isSelf={isSelf} />
      </section>

      <section aria-labelledby="ajouter-habilitation" className="fr-mt-6w">
        <div className="fr-grid-row">
          <div className="fr-col-12 fr-col-md-8">
            <h2 id="ajouter-habilitation">Ajouter une habilitation</h2>
            <MembershipAddForm
              userId={user.id}
              beneficiaries={options.beneficiaries}
              contractors={options.contractors}
              dinumName={options.dinum?.name ?? null}
            />
          </div>
        </div>
      </section>
    </>
  );
}
