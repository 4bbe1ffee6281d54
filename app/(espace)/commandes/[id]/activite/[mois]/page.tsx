import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AdjustmentForm } from "@/components/activity/AdjustmentForm";
import { signedDaysLabel } from "@/components/activity/format";
import { ReportDecision } from "@/components/activity/ReportDecision";
import { ReportGridForm } from "@/components/activity/ReportGridForm";
import { ReportGridTable } from "@/components/activity/ReportGridTable";
import { ReportStatusBadge } from "@/components/activity/ReportStatusBadge";
import { formatPeriod } from "@/components/orders/format";
import { formatMonthTitle, monthOf, nextMonth, previousMonth } from "@/lib/activity/calendar";
import { getReport, type ReportPage } from "@/lib/activity/queries";
import { daysLabel } from "@/lib/activity/rules";
import { requireActor } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/dates";
import { orNotFound, param } from "@/lib/pages";

export const metadata: Metadata = { title: "Compte rendu d'activité" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Confirmations after an action that changed the page (the action redirects here with ?fait=). */
const DONE: Record<string, (month: string) => string> = {
  soumis: (m) => `Le compte rendu de ${m} a été soumis au bénéficiaire, qui en est informé par courriel.`,
  valide: (m) =>
    `Le compte rendu de ${m} est validé : ses jours facturables sont comptés comme consommés sur le bon de commande. Le titulaire en est informé.`,
  rejete: (m) =>
    `Le compte rendu de ${m} est rejeté. Le titulaire reçoit votre motif par courriel pour le corriger.`,
  "ajustement-enregistre": () =>
    "L'écriture d'ajustement a été enregistrée en brouillon. Soumettez-la au bénéficiaire quand elle est prête.",
  "ajustement-soumis": () =>
    "L'écriture d'ajustement a été soumise au bénéficiaire, qui en est informé par courriel.",
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold fr-mb-0">{label}</dt>
      <dd className="fr-ml-0 fr-mb-2w">{children}</dd>
    </>
  );
}

const pre = { whiteSpace: "pre-wrap" } as const;

function Decisions({
  page,
  reportId,
  version,
  what,
  idPrefix,
  can,
  headingLevel,
}: {
  page: ReportPage;
  reportId: string;
  version: number;
  what: string;
  idPrefix: string;
  can: { validate: boolean; reject: boolean };
  headingLevel?: 2 | 4;
}) {
  if (!can.validate && !can.reject) return null;
  const note =
    !can.validate && page.order.status === "IN_PROGRESS"
      ? `Vous avez soumis vous-même ${what} : une autre personne de votre organisation doit le valider. Vous pouvez toutefois le rejeter.`
      : !can.validate
        ? `Le bon de commande n'est plus en cours : ${what} ne peut plus être validé, seulement rejeté.`
        : undefined;
  return (
    <ReportDecision
      reportId={reportId}
      version={version}
      canValidate={can.validate}
      canReject={can.reject}
      what={what}
      idPrefix={idPrefix}
      note={note}
      headingLevel={headingLevel}
    />
  );
}

export default async function MonthReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; mois: string }>;
  searchParams: SearchParams;
}) {
  const { id, mois } = await params;
  const actor = await requireActor(`/commandes/${id}/activite/${mois}`);
  const page = await orNotFound(getReport({ actor, orderId: id, month: mois }));
  const sp = await searchParams;
  const { order, report, month, monthLabel } = page;
  const title = formatMonthTitle(month);
  const done = DONE[param(sp.fait)]?.(monthLabel);
  const correcting = param(sp.corriger) === "1" && page.can.adjust;
  const hasAdjustments = page.adjustments.length > 0;
  const first = monthOf(order.startsOn);
  const last = monthOf(order.endsOn);
  const orderLabel = order.number ?? "Bon de commande";

  return (
    <>
      <Breadcrumb
        currentPageLabel={title}
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: orderLabel, linkProps: { href: `/commandes/${order.id}` } },
          { label: "Activité", linkProps: { href: `/commandes/${order.id}/activite` } },
        ]}
      />
      <h1>Compte rendu d'activité – {monthLabel}</h1>
      <p className="fr-mb-2w">
        <ReportStatusBadge status={report?.status ?? (page.inPeriod ? "missing" : "future")} />
        <span className="fr-ml-2w">
          {order.productName} – bon de commande {orderLabel}
        </span>
      </p>
      {done && <Alert severity="success" small className="fr-mb-3w" description={done} />}

      <dl className="fr-mb-2w">
        <Fact label="Jours ouvrés du mois">
          {daysLabel(page.workingDays)}
          {page.holidays.length > 0 &&
            ` (hors week-ends et jours fériés : ${page.holidays.map((h) => `${h.name} le ${formatDate(h.date)}`).join(", ")})`}
        </Fact>
        <Fact label="Bénéficiaire / titulaire">
          {order.beneficiaryName} / {order.contractorName}
        </Fact>
        <Fact label="Période du bon de commande">{formatPeriod(order.startsOn, order.endsOn)}</Fact>
      </dl>

      {!page.inPeriod && (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          description={`${title} est en dehors de la période du bon de commande : aucun compte rendu ne peut y être déclaré.`}
        />
      )}
      {report?.status === "REJECTED" && (
        <Alert
          severity="warning"
          className="fr-mb-3w"
          title="Compte rendu rejeté par le bénéficiaire"
          description={
            <>
              {report.rejectedAt &&
                `Le ${formatDateTime(report.rejectedAt)}${report.rejectedBy ? `, par ${report.rejectedBy}` : ""}. `}
              Motif : <span style={pre}>{report.rejectionReason}</span>
            </>
          }
        />
      )}
      {report?.status === "SUBMITTED" && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={`Soumis${report.submittedAt ? ` le ${formatDateTime(report.submittedAt)}` : ""}${report.submittedBy ? ` par ${report.submittedBy}` : ""} : en attente de la décision du bénéficiaire.`}
        />
      )}
      {report?.status === "VALIDATED" && (
        <p>
          Validé{report.validatedAt ? ` le ${formatDateTime(report.validatedAt)}` : ""}
          {report.validatedBy ? ` par ${report.validatedBy}` : ""}.
        </p>
      )}

      {page.can.edit ? (
        <ReportGridForm
          orderId={order.id}
          month={month}
          monthLabel={monthLabel}
          workingDays={page.workingDays}
          version={report?.version ?? null}
          activities={report?.activities ?? ""}
          rows={page.rows}
          showNonBillable={page.showNonBillable}
        />
      ) : (
        <section aria-labelledby="grille-titre">
          <h2 id="grille-titre" className="fr-h4">
            Jours et activités de {monthLabel}
          </h2>
          {report ? (
            <>
              <ReportGridTable
                caption={`Jours déclarés par intervenant en ${monthLabel} (${page.workingDays} jours ouvrés)`}
                rows={page.rows}
                showNonBillable={page.showNonBillable}
                showValidated={hasAdjustments}
              />
              <p className="fr-mb-1w">
                Total : {daysLabel(report.billableDays)} facturables
                {report.nonBillableDays !== "0" && `, ${daysLabel(report.nonBillableDays)} non facturables`}.
              </p>
              <h3 className="fr-h6 fr-mt-3w fr-mb-1w">Activités opérationnelles</h3>
              {report.activities ? <p style={pre}>{report.activities}</p> : <p>Aucune activité décrite.</p>}
            </>
          ) : (
            <p>Le titulaire n'a pas encore écrit de compte rendu pour ce mois.</p>
          )}
        </section>
      )}

      {report && (
        <Decisions
          page={page}
          reportId={report.id}
          version={report.version}
          what="ce compte rendu"
          idPrefix="compte-rendu"
          can={page.can}
        />
      )}

      {report?.status === "VALIDATED" && (
        <section aria-labelledby="ajustements" className="fr-mt-4w">
          <h2 id="ajustements" className="fr-h4">
            Écritures d'ajustement
          </h2>
          {!hasAdjustments && <p>Aucune correction de ce compte rendu validé.</p>}
          {page.adjustments.map((a, i) => (
            <section key={a.id} aria-labelledby={`ajustement-${i + 1}`} className="fr-mb-4w">
              <h3 id={`ajustement-${i + 1}`} className="fr-h5">
                Écriture d'ajustement n° {i + 1} <ReportStatusBadge status={a.status} />
              </h3>
              <p className="fr-mb-1w">
                Créée le {formatDateTime(a.createdAt)}
                {a.submittedAt && `, soumise le ${formatDateTime(a.submittedAt)}`}
                {a.validatedAt && `, validée le ${formatDateTime(a.validatedAt)}`}.
              </p>
              <p className="fr-mb-1w">
                Motif : <span style={pre}>{a.activities}</span>
              </p>
              {a.status === "REJECTED" && (
                <p className="fr-mb-1w">
                  Rejetée : <span style={pre}>{a.rejectionReason}</span>
                </p>
              )}
              <ul>
                {a.changes.map((c) => (
                  <li key={c.assignmentId}>
                    {c.stafferName} : {signedDaysLabel(c.days)} facturable
                    {Math.abs(Number(c.days)) >= 2 ? "s" : ""}
                  </li>
                ))}
              </ul>
              {a.can.edit && (
                <AdjustmentForm
                  target={{ kind: "update", adjustmentId: a.id, version: a.version }}
                  monthLabel={monthLabel}
                  rows={page.rows}
                  reason={a.activities}
                  headingLevel={4}
                />
              )}
              <Decisions
                page={page}
                reportId={a.id}
                version={a.version}
                what="cette écriture d'ajustement"
                idPrefix={`ajustement-${i + 1}`}
                can={a.can}
                headingLevel={4}
              />
            </section>
          ))}
          {page.can.adjust &&
            (correcting ? (
              <AdjustmentForm
                target={{ kind: "create", reportId: report.id }}
                monthLabel={monthLabel}
                rows={page.rows}
                reason=""
              />
            ) : (
              <Button
                linkProps={{ href: `/commandes/${order.id}/activite/${month}?corriger=1#ajustement` }}
                priority="secondary"
                iconId="fr-icon-edit-line"
              >
                Corriger (écriture d'ajustement)
              </Button>
            ))}
        </section>
      )}

      <nav aria-label="Autres mois" className="fr-mt-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {month > first && (
            <li>
              <Link
                className="fr-btn fr-btn--tertiary fr-icon-arrow-left-line"
                href={`/commandes/${order.id}/activite/${previousMonth(month)}`}
              >
                Mois précédent
              </Link>
            </li>
          )}
          {month < last && (
            <li>
              <Link
                className="fr-btn fr-btn--tertiary fr-icon-arrow-right-line"
                href={`/commandes/${order.id}/activite/${nextMonth(month)}`}
              >
                Mois suivant
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <p className="fr-mt-2w">
        <Link
          href={`/commandes/${order.id}/activite`}
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
        >
          Tous les mois de ce bon de commande
        </Link>
      </p>
    </>
  );
}
