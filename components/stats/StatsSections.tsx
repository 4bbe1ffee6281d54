// The sections of the public statistics page: each chart comes with the data table it is
// drawn from. Server components, no script.
import type { ReactNode } from "react";
import { UO_FAMILY_LABELS } from "@/lib/agreement/rules";
import { formatEuros } from "@/lib/money";
import { DELAY_LABELS, frDecimal, monthLabel, type PublicStats, quarterLabel } from "@/lib/stats/rules";
import { BarChart } from "./BarChart";

const compactEuros = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  notation: "compact",
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** Bar heights only (geometry, not an amount chain): cents → euros as a float. */
const euros = (cents: bigint) => Number(cents) / 100;

/** One row: the first cell heads the row, the others are figures (keyed by their column). */
function Cells({ head, cells, strong = false }: { head: string[]; cells: ReactNode[]; strong?: boolean }) {
  return (
    <>
      {cells.map((c, i) =>
        i === 0 ? (
          <th key={head[i]} scope="row">
            {c}
          </th>
        ) : (
          <td key={head[i]} className="fr-cell--right">
            {strong ? <strong>{c}</strong> : c}
          </td>
        ),
      )}
    </>
  );
}

function DataTable({
  caption,
  head,
  rows,
  foot,
}: {
  caption: string;
  head: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
  foot?: ReactNode[];
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <Cells head={head} cells={r.cells} />
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr>
              <Cells head={head} cells={foot} strong />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function KeyFigures({ stats }: { stats: PublicStats }) {
  const t = stats.totals;
  const figures = [
    { label: "bons de commande émis", value: integer.format(t.orders) },
    { label: "bénéficiaires ont commandé", value: integer.format(t.beneficiaries) },
    { label: "produits financés", value: integer.format(t.products) },
    { label: "intervenants affectés", value: integer.format(t.staffers) },
    { label: "engagés (HT)", value: formatEuros(t.committedHtCents) },
    { label: "de service fait certifié (HT)", value: formatEuros(t.certifiedHtCents) },
  ];
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {figures.map((f) => (
        <li key={f.label} className="fr-col-12 fr-col-sm-6 fr-col-md-4">
          <p className="fr-mb-0">
            <span className="fr-h3 fr-mb-0" style={{ display: "block" }}>
              {f.value}
            </span>
            {f.label}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function QuarterSection({ stats }: { stats: PublicStats }) {
  const q = stats.quarters;
  if (q.length === 0) return <p>Aucun bon de commande n'a encore été émis.</p>;
  const categories = q.map((x) => quarterLabel(x.start));
  return (
    <>
      <BarChart
        id="graphique-trimestres"
        title="Activité par trimestre"
        description={`Pour chaque trimestre de ${categories[0]} à ${categories.at(-1)} : bons de commande émis, bénéficiaires et produits ayant une commande en cours, intervenants affectés. Les chiffres sont dans le tableau qui suit.`}
        categories={categories}
        series={[
          { name: "Bons de commande émis", values: q.map((x) => x.orders) },
          { name: "Bénéficiaires", values: q.map((x) => x.beneficiaries) },
          { name: "Produits", values: q.map((x) => x.products) },
          { name: "Intervenants", values: q.map((x) => x.staffers) },
        ]}
        formatTick={(v) => integer.format(v)}
      />
      <DataTable
        caption="Activité par trimestre"
        head={[
          "Trimestre",
          "Bons de commande émis",
          "Bénéficiaires avec une commande en cours",
          "Produits avec une commande en cours",
          "Intervenants affectés",
        ]}
        rows={q.map((x) => ({
          key: x.start,
          cells: [quarterLabel(x.start), x.orders, x.beneficiaries, x.products, x.staffers],
        }))}
      />
    </>
  );
}

export function MonthSection({ stats }: { stats: PublicStats }) {
  const m = stats.months;
  if (m.length === 0) return <p>Aucune dépense pour l'instant.</p>;
  const categories = m.map((x) => monthLabel(x.month));
  return (
    <>
      <BarChart
        id="graphique-mois"
        title="Montants engagés et certifiés par mois, hors taxes"
        description={`Pour chaque mois de ${categories[0]} à ${categories.at(-1)} : montant engagé par les bons de commande émis ce mois-là (barre de gauche) et montant du service fait certifié ce mois-là (barre de droite). Les montants sont dans le tableau qui suit.`}
        categories={categories}
        series={[
          { name: "Engagé HT", values: m.map((x) => euros(x.committedHtCents)) },
          { name: "Certifié HT", values: m.map((x) => euros(x.certifiedHtCents)) },
        ]}
        formatTick={(v) => compactEuros.format(v)}
      />
      <DataTable
        caption="Montants engagés et certifiés par mois, hors taxes"
        head={["Mois", "Engagé HT", "Certifié HT"]}
        rows={m.map((x) => ({
          key: x.month,
          cells: [monthLabel(x.month), formatEuros(x.committedHtCents), formatEuros(x.certifiedHtCents)],
        }))}
        foot={[
          "Total",
          formatEuros(stats.totals.committedHtCents),
          formatEuros(stats.totals.certifiedHtCents),
        ]}
      />
    </>
  );
}

export function FamilySection({ stats }: { stats: PublicStats }) {
  const f = stats.families;
  const certifiedBefore = f.reduce((s, x) => s + x.certifiedHtCents, 0n);
  return (
    <>
      <BarChart
        id="graphique-familles"
        title="Montants engagés et certifiés par famille d'unités d'œuvre, hors taxes"
        description="Pour chaque famille d'unités d'œuvre : montant engagé (barre de gauche) et montant certifié avant réfactions (barre de droite). Les montants sont dans le tableau qui suit."
        categories={f.map((x) => (x.family === "BIZDEV" ? "Déploiement" : UO_FAMILY_LABELS[x.family]))}
        series={[
          { name: "Engagé HT", values: f.map((x) => euros(x.committedHtCents)) },
          { name: "Certifié HT avant réfactions", values: f.map((x) => euros(x.certifiedHtCents)) },
        ]}
        formatTick={(v) => compactEuros.format(v)}
      />
      <DataTable
        caption="Montants engagés et certifiés par famille d'unités d'œuvre, hors taxes"
        head={["Famille d'unités d'œuvre", "Engagé HT", "Certifié HT avant réfactions"]}
        rows={f.map((x) => ({
          key: x.family,
          cells: [
            UO_FAMILY_LABELS[x.family],
            formatEuros(x.committedHtCents),
            formatEuros(x.certifiedHtCents),
          ],
        }))}
        foot={["Total", formatEuros(stats.totals.committedHtCents), formatEuros(certifiedBefore)]}
      />
      {stats.totals.refactionHtCents > 0n && (
        <p className="fr-text--sm">
          Les réfactions (réductions de prix décidées au service fait) ne se rattachent pas à une famille :
          elles s'élèvent à {formatEuros(stats.totals.refactionHtCents)} HT, soit un total certifié de{" "}
          {formatEuros(stats.totals.certifiedHtCents)} HT.
        </p>
      )}
    </>
  );
}

export function DelaySection({ stats }: { stats: PublicStats }) {
  return (
    <DataTable
      caption="Délais médians du cycle de commande"
      head={["Étape", "Délai médian", "Nombre de cas"]}
      rows={stats.delays.map((d) => ({
        key: d.key,
        cells: [
          DELAY_LABELS[d.key],
          d.medianDays === null ? "Pas encore de cas" : `${frDecimal(d.medianDays)} jours`,
          integer.format(d.count),
        ],
      }))}
    />
  );
}
