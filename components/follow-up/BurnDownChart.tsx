import type Decimal from "decimal.js";
import type { BurnDownPoint } from "@/lib/follow-up/rules";
import { formatDays, formatMonth, shortMonth } from "./format";

// The burn-down as an inline SVG drawn on the server: no script, nothing to load. The picture
// is decorative for assistive technologies (aria-hidden); the table under it carries every
// value, with a caption, and the figure's caption says how to read the lines.
// (react-dsfr's Chart/LineChart wraps @gouvfr/dsfr-chart 1.0, a Vue 2 + Chart.js bundle of
// 1.4 MB that crashes when rendered on the server — "HTMLElement is not defined" — and
// draws a canvas without any text alternative.)

const W = 720;
const H = 260;
const M = { left: 56, right: 16, top: 16, bottom: 36 };
const BLUE = "#000091"; // bleu France
const GREEN = "#18753c"; // vert succès DSFR
const GREY = "#666666";

/** A round step for about four gridlines. */
function niceStep(max: number): number {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

export function BurnDownChart({
  id,
  title,
  orderedDays,
  points,
}: {
  /** Unique on the page (ids of the caption and table). */
  id: string;
  /** What the chart is about, e.g. "le bon de commande BDC-2026-0004". */
  title: string;
  orderedDays: Decimal;
  points: BurnDownPoint[];
}) {
  if (points.length === 0) return null;
  // Pixels only: floating point is fine here, never for a value shown as text.
  const values = points
    .flatMap((p) => [p.remainingDays, p.certifiedCumulativeDays])
    .filter((v) => v !== null);
  const max = Math.max(orderedDays.toNumber(), ...values.map((v) => (v as Decimal).toNumber()), 1);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const min = Math.min(0, ...values.map((v) => (v as Decimal).toNumber()));
  const bottom = min < 0 ? -Math.ceil(-min / step) * step : 0;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => M.top + plotH - ((v - bottom) * plotH) / (top - bottom);
  const ticks: number[] = [];
  for (let v = bottom; v <= top + 1e-9; v += step) ticks.push(v);
  const line = (pick: (p: BurnDownPoint) => Decimal | null) =>
    points
      .map((p, i) => [i, pick(p)] as const)
      .filter(([, v]) => v !== null)
      .map(([i, v]) => `${x(i).toFixed(1)},${y((v as Decimal).toNumber()).toFixed(1)}`)
      .join(" ");
  const remaining = line((p) => p.remainingDays);
  const certified = line((p) => p.certifiedCumulativeDays);
  const labelEvery = Math.ceil(points.length / 12);

  return (
    <div className="fr-mb-4w">
      <figure className="fr-m-0" aria-labelledby={`${id}-legende`}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          style={{ maxWidth: `${W}px`, height: "auto" }}
          aria-hidden="true"
          focusable="false"
          data-testid={`${id}-svg`}
        >
          {ticks.map((v) => (
            <g key={v}>
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#dddddd" />
              <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill={GREY}>
                {v.toLocaleString("fr-FR")}
              </text>
            </g>
          ))}
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text
                key={p.month}
                x={x(i)}
                y={H - M.bottom + 16}
                textAnchor="middle"
                fontSize="11"
                fill={GREY}
              >
                {shortMonth(p.month)}
              </text>
            ) : null,
          )}
          <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke={GREY} />
          {remaining && <polyline points={remaining} fill="none" stroke={BLUE} strokeWidth="2.5" />}
          {certified && (
            <polyline points={certified} fill="none" stroke={GREEN} strokeWidth="2.5" strokeDasharray="7 5" />
          )}
          {points.map((p, i) =>
            p.remainingDays ? (
              <circle key={p.month} cx={x(i)} cy={y(p.remainingDays.toNumber())} r="3" fill={BLUE} />
            ) : null,
          )}
        </svg>
        <figcaption id={`${id}-legende`} className="fr-text--sm fr-mt-1w">
          Jours restant à consommer en fin de mois pour {title} (trait plein bleu) et jours certifiés cumulés
          (tirets verts), sur {formatDays(orderedDays)} jours commandés. Les valeurs sont dans le tableau
          ci-dessous.
        </figcaption>
      </figure>
      <div className="fr-table fr-table--bordered fr-table--sm fr-mt-2w">
        <table id={`${id}-donnees`}>
          <caption>Consommation mois par mois pour {title}</caption>
          <thead>
            <tr>
              <th scope="col">Mois</th>
              <th scope="col" className="fr-cell--right">
                Jours validés dans le mois
              </th>
              <th scope="col" className="fr-cell--right">
                Reste à consommer en fin de mois (jours)
              </th>
              <th scope="col" className="fr-cell--right">
                Certifié cumulé (jours)
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month)}</th>
                <td className="fr-cell--right">{formatDays(p.validatedDays)}</td>
                <td className="fr-cell--right">
                  {p.remainingDays ? formatDays(p.remainingDays) : "à venir"}
                </td>
                <td className="fr-cell--right">
                  {p.certifiedCumulativeDays ? formatDays(p.certifiedCumulativeDays) : "à venir"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
