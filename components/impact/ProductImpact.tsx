import { Button } from "@codegouvfr/react-dsfr/Button";
import { formatDate } from "@/lib/dates";
import type { ProductImpact as Impact } from "@/lib/impact/queries";
import { formatMonth, formatSatisfaction } from "@/lib/impact/rules";
import { formatEuros } from "@/lib/money";

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** The impact block of a product page: cost per active user and the last monthly indicators. */
export function ProductImpact({ productId, impact }: { productId: string; impact: Impact }) {
  const { latest, spend } = impact;
  return (
    <section aria-labelledby="impact" className="fr-mt-4w">
      <h2 id="impact" className="fr-h4">
        Impact
      </h2>
      {latest ? (
        <p>
          {integer.format(latest.monthlyActiveUsers)} utilisateurs actifs en {formatMonth(latest.month)}
          {latest.satisfactionTenths !== null
            ? `, satisfaction ${formatSatisfaction(latest.satisfactionTenths)}`
            : ""}
          .
        </p>
      ) : (
        <p>Aucun indicateur d'impact saisi pour l'instant.</p>
      )}
      {spend && (
        <div className="fr-callout fr-mb-3w">
          <h3 className="fr-callout__title fr-h6">Coût par utilisateur actif</h3>
          <p className="fr-callout__text" data-testid="cost-per-active-user">
            {spend.costPerActiveUserCents === null
              ? "Non calculable"
              : formatEuros(spend.costPerActiveUserCents)}
          </p>
          <p className="fr-text--sm fr-mb-0">
            Service fait certifié des douze derniers mois (du {formatDate(spend.window.afterExclusive)},
            exclu, au {formatDate(spend.window.untilInclusive)}) :{" "}
            <span data-testid="certified-spend">{formatEuros(spend.certifiedHtCents)}</span> HT
            {latest
              ? latest.monthlyActiveUsers > 0
                ? `, divisé par les ${integer.format(latest.monthlyActiveUsers)} utilisateurs actifs de ${formatMonth(latest.month)}, le dernier mois saisi.`
                : `. Non calculable : aucun utilisateur actif en ${formatMonth(latest.month)}, le dernier mois saisi.`
              : ". Non calculable tant que le nombre d'utilisateurs actifs n'est pas saisi."}
          </p>
        </div>
      )}
      {impact.indicators.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Indicateurs d'impact des derniers mois</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Utilisateurs actifs</th>
                <th scope="col">Satisfaction</th>
              </tr>
            </thead>
            <tbody>
              {impact.indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{formatMonth(i.month)}</th>
                  <td className="fr-cell--right">{integer.format(i.monthlyActiveUsers)}</td>
                  <td>
                    {i.satisfactionTenths === null ? "Non mesurée" : formatSatisfaction(i.satisfactionTenths)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {impact.canManage && (
        <Button linkProps={{ href: `/produits/${productId}/indicateurs` }} priority="secondary">
          Saisir les indicateurs du mois
        </Button>
      )}
    </section>
  );
}
