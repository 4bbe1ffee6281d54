import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { formatPeriod, frDecimal } from "@/components/orders/format";
import { AssignForm, AssignmentPeriodForm, ReplaceForm } from "@/components/staffing/TeamForms";
import { requireActor } from "@/lib/auth/session";
import { todayIso } from "@/lib/dates";
import { ORDER_STATUS_LABELS } from "@/lib/orders/rules";
import { orNotFound, param } from "@/lib/pages";
import { getOrderTeam } from "@/lib/staffing/queries";
import { formatDays, frDate, STAFFER_STATUS_LABELS } from "@/lib/staffing/rules";

export const metadata: Metadata = { title: "Équipe du bon de commande" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, string> = {
  affectation:
    "L'intervenant est affecté à la ligne. Les correspondants du bénéficiaire en sont informés par courriel.",
  remplacement:
    "Le remplacement est enregistré : l'affectation précédente se termine la veille de l'arrivée. Les correspondants du bénéficiaire en sont informés par courriel.",
  periode: "La période d'affectation a été modifiée. Les correspondants du bénéficiaire en sont informés.",
};

export default async function OrderTeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}/equipe`);
  const team = await orNotFound(getOrderTeam({ actor, orderId: id }));
  const sp = await searchParams;
  const done = DONE[param(sp.fait)];
  const o = team.order;
  const manage = team.can.manage;
  const today = todayIso();
  const defaultStart = today > o.startsOn && today <= o.endsOn ? today : o.startsOn;
  const orderPeriod = { startsOn: o.startsOn, endsOn: o.endsOn };

  return (
    <>
      <Breadcrumb
        currentPageLabel="Équipe"
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: o.number ?? "Bon de commande", linkProps: { href: `/commandes/${o.id}` } },
        ]}
      />
      <h1>Équipe du bon de commande {o.number ? `n° ${o.number}` : ""}</h1>
      <p>
        {o.productName} — intervenants de {o.contractorName} pour {o.beneficiaryName}, période prévue{" "}
        {formatPeriod(o.startsOn, o.endsOn)} ({ORDER_STATUS_LABELS[o.status].toLowerCase()}).
      </p>
      {done && <Alert severity="success" small className="fr-mb-3w" description={done} />}
      {manage ? (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description="Affectez vos intervenants aux lignes de la commande, chacun sur une ligne de son profil. En cas de remplacement, la formation de la nouvelle personne est à votre charge (CCTP §3.4) : ses jours de montée en compétence ne sont pas facturés. Le bénéficiaire est informé par courriel de chaque changement."
        />
      ) : team.isOrderContractor ? (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={`Les intervenants s'affectent sur un bon de commande dont vous avez accusé réception ou qui est en cours. Ce bon de commande est « ${ORDER_STATUS_LABELS[o.status]} ».`}
        />
      ) : (
        <p className="fr-text--sm">
          Consultation seule : le titulaire affecte ses intervenants et vous informe par courriel de chaque
          changement.
        </p>
      )}

      {team.lines.map((line) => {
        const candidates = team.staffers.filter((s) => s.uoTypeId === line.uoTypeId);
        const heading = `ligne-${line.position}`;
        return (
          <section key={line.id} aria-labelledby={heading} className="fr-mt-4w">
            <h2 id={heading} className="fr-h4">
              Ligne {line.position} – {line.label}{" "}
              <span className="fr-text--md fr-text--regular">
                ({frDecimal(line.orderedDays)} jours commandés)
              </span>
            </h2>
            {line.assignments.length === 0 ? (
              <p>Personne n'est encore affecté à cette ligne.</p>
            ) : (
              <div className="fr-table fr-table--bordered">
                <table>
                  <caption>
                    Intervenants de la ligne {line.position} – {line.label}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Intervenant</th>
                      <th scope="col">Statut</th>
                      <th scope="col">Période</th>
                      <th scope="col">Montée en compétence (non facturée)</th>
                      <th scope="col">Remplacement</th>
                    </tr>
                  </thead>
                  <tbody>
                    {line.assignments.map((a) => (
                      <tr key={a.id}>
                        <th scope="row">
                          <Link href={`/intervenants/${a.staffer.id}`}>{a.staffer.fullName}</Link>
                        </th>
                        <td>
                          {STAFFER_STATUS_LABELS[a.staffer.status]}
                          {a.staffer.subcontractorName ? ` – ${a.staffer.subcontractorName}` : ""}
                        </td>
                        <td>{formatPeriod(a.startsOn, a.endsOn)}</td>
                        <td>
                          {a.rampUpDays === "0"
                            ? "—"
                            : `${formatDays(a.rampUpDays)} à la charge du titulaire`}
                        </td>
                        <td>
                          {a.replaces && <>Remplace {a.replaces.fullName}</>}
                          {a.replaces && a.replacedBy && <br />}
                          {a.replacedBy && (
                            <>
                              Remplacé par {a.replacedBy.fullName} à partir du {frDate(a.replacedBy.startsOn)}
                            </>
                          )}
                          {!a.replaces && !a.replacedBy && "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {manage && (
              <>
                <h3 className="fr-h6 fr-mt-3w">Affecter un intervenant à la ligne {line.position}</h3>
                {candidates.length === 0 ? (
                  <p>
                    Aucun de vos intervenants actifs n'a le profil « {line.label} ».{" "}
                    <Link href="/intervenants/nouveau">Ajouter un intervenant</Link>
                  </p>
                ) : (
                  <AssignForm
                    orderId={o.id}
                    line={line}
                    staffers={candidates}
                    orderPeriod={orderPeriod}
                    defaultStartsOn={defaultStart}
                  />
                )}
                {line.assignments
                  .filter((a) => !a.replacedBy)
                  .map((a) => {
                    const assignment = {
                      id: a.id,
                      version: a.version,
                      stafferName: a.staffer.fullName,
                      startsOn: a.startsOn,
                      endsOn: a.endsOn,
                    };
                    return (
                      <Accordion
                        key={a.id}
                        className="fr-mt-2w"
                        titleAs="h3"
                        label={`Remplacer ${a.staffer.fullName} ou modifier sa période`}
                      >
                        <ReplaceForm
                          assignment={assignment}
                          candidates={candidates.filter((c) => c.id !== a.staffer.id)}
                          orderPeriod={orderPeriod}
                        />
                        <hr className="fr-mt-3w" />
                        <AssignmentPeriodForm
                          assignment={assignment}
                          orderPeriod={orderPeriod}
                          startLocked={a.replaces !== null}
                        />
                      </Accordion>
                    );
                  })}
              </>
            )}
          </section>
        );
      })}

      <p className="fr-mt-4w">
        <Link href={`/commandes/${o.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour au bon de commande
        </Link>
      </p>
    </>
  );
}
