// The month's grid, read only: what the report declares for each person, and — once
// validated and corrected — what is validated now. Also the person cell shared with the form.

import { shortDate } from "@/components/orders/format";
import type { GridRowDto } from "@/lib/activity/queries";
import { daysLabel } from "@/lib/activity/rules";
import { frDays } from "./format";

/** The row header: who, as what, over which period (and whom they replace). */
export function PersonCell({ row }: { row: GridRowDto }) {
  return (
    <th scope="row">
      {row.stafferName}
      <span className="fr-text--xs fr-mb-0" style={{ display: "block", fontWeight: "normal" }}>
        {row.profile}, du {shortDate(row.startsOn)} au {shortDate(row.endsOn)}
        {row.isReplacement && (
          <>
            <br />
            Remplace {row.replacesName ?? "un intervenant"} ; montée en compétence non facturable :{" "}
            {daysLabel(row.rampUpLeft)} restant{Number(row.rampUpLeft) >= 2 ? "s" : ""} sur{" "}
            {frDays(row.rampUpDays)}
          </>
        )}
      </span>
    </th>
  );
}

export function ReportGridTable({
  caption,
  rows,
  showNonBillable,
  showValidated,
}: {
  caption: string;
  rows: GridRowDto[];
  showNonBillable: boolean;
  /** Adds the validated total after adjusting entries. */
  showValidated: boolean;
}) {
  if (rows.length === 0) return <p>Personne n'est affecté à ce bon de commande ce mois-ci.</p>;
  return (
    <div className="fr-table fr-table--bordered">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Intervenant</th>
            <th scope="col">Ligne du bon de commande</th>
            <th scope="col">Jours ouvrés sur sa période</th>
            <th scope="col">Jours facturables</th>
            {showNonBillable && <th scope="col">Jours non facturables (montée en compétence)</th>}
            {showValidated && <th scope="col">Jours facturables validés, ajustements compris</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.assignmentId}>
              <PersonCell row={r} />
              <td>{r.lineLabel}</td>
              <td className="fr-cell--right">{r.cap}</td>
              <td className="fr-cell--right">{frDays(r.days)}</td>
              {showNonBillable && (
                <td className="fr-cell--right">{r.isReplacement ? frDays(r.nonBillableDays) : "—"}</td>
              )}
              {showValidated && <td className="fr-cell--right">{frDays(r.validatedDays)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
