"use client";
// The monthly evolution as a DSFR bar chart (@gouvfr/dsfr-chart through react-dsfr). The
// canvas is a picture only: its figures are in the monthly table that follows it, which is
// what screen readers read (the chart is hidden from them).
import type { ChartColor } from "@codegouvfr/react-dsfr/Chart/chartWrapper";
import dynamic from "next/dynamic";

// The chart library defines custom elements when it loads: browser only, never on the server.
const BarChart = dynamic(() => import("@codegouvfr/react-dsfr/Chart/BarChart").then((m) => m.BarChart), {
  ssr: false,
});

export type MonthlySeries = { name: string; color: ChartColor; euros: number[] };

export function MonthlyChart({
  labels,
  series,
  tableId,
}: {
  labels: string[];
  series: MonthlySeries[];
  /** The id of the equivalent table. */
  tableId: string;
}) {
  return (
    <figure className="fr-my-3w">
      <div aria-hidden="true">
        <BarChart
          x={series.map(() => labels)}
          y={series.map((s) => s.euros)}
          name={series.map((s) => s.name)}
          color={series.map((s) => s.color)}
        />
      </div>
      <figcaption className="fr-text--sm">
        Montants hors taxes par mois, en euros. Les mêmes valeurs figurent dans le{" "}
        <a href={`#${tableId}`}>tableau par mois</a>.
      </figcaption>
    </figure>
  );
}
