import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { formatDate } from "@/lib/dates";
import { formatEuros } from "@/lib/money";
import { type Forecast, formatBp, type Reach, type SeriesForecast, shareBp } from "@/lib/reporting/rules";

function reachText(r: Reach): string {
  if (r.kind === "reached") return "Déjà atteint";
  if (r.kind === "never") return "Pas à ce rythme";
  return `Le ${formatDate(r.on)}`;
}

type Subject = { noun: string; exceeds: string; wouldReach: string };

const SERIES: Array<{ key: "committed" | "consumed"; label: string; subject: Subject }> = [
  {
    key: "committed",
    label: "Engagé",
    subject: { noun: "les engagements", exceeds: "dépassent", wouldReach: "atteindraient" },
  },
  {
    key: "consumed",
    label: "Consommé (validé)",
    subject: { noun: "la consommation validée", exceeds: "dépasse", wouldReach: "atteindrait" },
  },
];

/** The warning DINUM asked for, in words (null when the series stays under the threshold). */
export function forecastWarning(f: Forecast, s: SeriesForecast, subject: Subject): string | null {
  if (!s.warning) return null;
  const threshold = `${formatBp(f.thresholdBp)} du montant maximum (${formatEuros(f.thresholdCents)} HT)`;
  if (s.threshold.kind === "reached") {
    const noun = `${subject.noun[0]?.toUpperCase()}${subject.noun.slice(1)}`;
    return `${noun} ${subject.exceeds} déjà ${threshold}.`;
  }
  if (s.threshold.kind !== "projected") return null;
  return `Au rythme des trois derniers mois, ${subject.noun} ${subject.wouldReach} ${threshold} le ${formatDate(s.threshold.on)}, avant la fin de l'accord-cadre le ${formatDate(f.agreementEndsOn)}.`;
}

/**
 * The ceiling forecast: at the pace of the three last whole months, when committed and
 * consumed spend would reach the warning threshold and the maximum.
 */
export function ForecastSection({ forecast }: { forecast: Forecast }) {
  const warnings = SERIES.map((s) => forecastWarning(forecast, forecast[s.key], s.subject)).filter(
    (w): w is string => w !== null,
  );
  return (
    <>
      {warnings.length > 0 ? (
        <Alert
          severity="warning"
          title="Seuil d'alerte du montant maximum"
          description={warnings.map((w) => (
            <span key={w} className="fr-mb-1v" style={{ display: "block" }}>
              {w}
            </span>
          ))}
          className="fr-mb-3w"
        />
      ) : (
        <p>
          Au rythme des trois derniers mois, ni les engagements ni la consommation n'atteignent{" "}
          {formatBp(forecast.thresholdBp)} du montant maximum avant la fin de l'accord-cadre (
          {formatDate(forecast.agreementEndsOn)}).
        </p>
      )}
      <div className="fr-table">
        <table>
          <caption>
            Projection au rythme du {formatDate(forecast.window.from)} au {formatDate(forecast.window.to)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Montant</th>
              <th scope="col" className="fr-cell--right">
                Aujourd'hui (HT)
              </th>
              <th scope="col" className="fr-cell--right">
                Part du maximum
              </th>
              <th scope="col" className="fr-cell--right">
                Rythme mensuel moyen (3 derniers mois)
              </th>
              <th scope="col">Seuil de {formatBp(forecast.thresholdBp)} atteint</th>
              <th scope="col">Montant maximum atteint</th>
            </tr>
          </thead>
          <tbody>
            {SERIES.map((s) => {
              const f = forecast[s.key];
              return (
                <tr key={s.key}>
                  <th scope="row">{s.label}</th>
                  <td className="fr-cell--right">{formatEuros(f.currentCents)}</td>
                  <td className="fr-cell--right">{formatBp(shareBp(f.currentCents, forecast.maxCents))}</td>
                  <td className="fr-cell--right">{formatEuros(f.monthlyPaceCents)}</td>
                  <td>{reachText(f.threshold)}</td>
                  <td>{reachText(f.maximum)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
