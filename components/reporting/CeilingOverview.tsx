import { formatEuros } from "@/lib/money";
import type { Figures } from "@/lib/reporting/facts";
import { formatBp, shareBp } from "@/lib/reporting/rules";
import { FigureLink } from "./BreakdownTable";
import { type DrillDown, FIGURE_COLORS, FIGURE_HINTS, FIGURE_KEYS, FIGURE_LABELS } from "./figures";

const BAR_HEIGHT = 28;
const GAP = 14;
const LABEL_WIDTH = 190;
const WIDTH = 760;
const PLOT = WIDTH - LABEL_WIDTH - 20;

/**
 * The five figures against the agreement's maximum: an inline SVG bar chart (one bar per
 * figure, scaled to the maximum, the warning threshold drawn as a dashed line) and the
 * equivalent table, which screen readers read instead of the picture.
 */
export function CeilingOverview({
  totals,
  maxCents,
  thresholdBp,
  base,
  periodText,
}: {
  totals: Figures;
  maxCents: bigint;
  thresholdBp: number;
  base: Omit<DrillDown, "figure">;
  periodText: string;
}) {
  const height = FIGURE_KEYS.length * (BAR_HEIGHT + GAP) + 30;
  const x = (bp: number) => LABEL_WIDTH + (PLOT * Math.min(Math.max(bp, 0), 10_000)) / 10_000;
  return (
    <>
      <figure className="fr-my-3w" aria-labelledby="plafond-graphique-titre">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="plafond-graphique-titre plafond-graphique-desc"
          style={{ maxWidth: `${WIDTH}px` }}
        >
          <title id="plafond-graphique-titre">
            Montants {periodText} rapportés au montant maximum de l'accord-cadre
          </title>
          <desc id="plafond-graphique-desc">
            Diagramme en barres ; les valeurs figurent dans le tableau « Montants rapportés au montant maximum
            » qui suit.
          </desc>
          {/* Axis: 0 %, threshold, 100 %. */}
          <line
            x1={x(0)}
            x2={x(0)}
            y1={0}
            y2={height - 24}
            style={{ stroke: "var(--border-default-grey)" }}
          />
          <line
            x1={x(10_000)}
            x2={x(10_000)}
            y1={0}
            y2={height - 24}
            style={{ stroke: "var(--border-plain-grey)" }}
          />
          <line
            x1={x(thresholdBp)}
            x2={x(thresholdBp)}
            y1={0}
            y2={height - 24}
            strokeDasharray="6 4"
            style={{ stroke: "var(--border-plain-error)" }}
          />
          <text
            x={x(0)}
            y={height - 6}
            fontSize="13"
            textAnchor="start"
            style={{ fill: "var(--text-mention-grey)" }}
          >
            0 %
          </text>
          <text
            x={x(thresholdBp)}
            y={height - 6}
            fontSize="13"
            textAnchor="middle"
            style={{ fill: "var(--text-default-error)" }}
          >
            seuil {formatBp(thresholdBp)}
          </text>
          <text
            x={x(10_000)}
            y={height - 6}
            fontSize="13"
            textAnchor="end"
            style={{ fill: "var(--text-mention-grey)" }}
          >
            100 %
          </text>
          {FIGURE_KEYS.map((f, i) => {
            const y = i * (BAR_HEIGHT + GAP) + 4;
            const bp = shareBp(totals[f], maxCents);
            return (
              <g key={f}>
                <text
                  x={LABEL_WIDTH - 10}
                  y={y + BAR_HEIGHT / 2 + 5}
                  fontSize="14"
                  textAnchor="end"
                  style={{ fill: "var(--text-default-grey)" }}
                >
                  {FIGURE_LABELS[f]}
                </text>
                <rect
                  x={x(0)}
                  y={y}
                  width={Math.max(x(bp) - x(0), bp > 0 ? 2 : 0)}
                  height={BAR_HEIGHT}
                  style={{ fill: FIGURE_COLORS[f] }}
                />
                <text
                  x={Math.min(x(bp) + 6, WIDTH - 4)}
                  y={y + BAR_HEIGHT / 2 + 5}
                  fontSize="13"
                  textAnchor={x(bp) + 90 > WIDTH ? "end" : "start"}
                  style={{
                    fill: x(bp) + 90 > WIDTH ? "var(--text-inverted-grey)" : "var(--text-default-grey)",
                  }}
                >
                  {formatBp(bp)}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <div className="fr-table">
        <table>
          <caption>Montants rapportés au montant maximum ({formatEuros(maxCents)} HT)</caption>
          <thead>
            <tr>
              <th scope="col">Montant</th>
              <th scope="col" className="fr-cell--right">
                Hors taxes
              </th>
              <th scope="col" className="fr-cell--right">
                Part du montant maximum
              </th>
              <th scope="col">Ce qui est compté</th>
            </tr>
          </thead>
          <tbody>
            {FIGURE_KEYS.map((f) => (
              <tr key={f}>
                <th scope="row">{FIGURE_LABELS[f]}</th>
                <td className="fr-cell--right">
                  <FigureLink cents={totals[f]} drill={{ ...base, figure: f }} context={FIGURE_LABELS[f]} />
                </td>
                <td className="fr-cell--right">{formatBp(shareBp(totals[f], maxCents))}</td>
                <td>{FIGURE_HINTS[f]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
