// An accessible bar chart drawn as inline SVG on the server: no script, readable without
// JavaScript, in the DSFR's colours (CSS variables, so it follows the dark theme).
// The SVG is one image with a name and a description; the figures themselves are in the data
// table that always comes with it (DataTable), which screen readers read instead.
//
// Why not @codegouvfr/react-dsfr/Chart (@gouvfr/dsfr-chart 1.0)? Its web components crash when
// rendered on the server ("HTMLElement is not defined" at import), draw on a <canvas> with
// Chart.js 2, and weigh about 1.5 MB of script per chart type (Vue 2 + Chart.js + moment).
// A public page must render for everyone, fast, and pass axe: plain SVG does.

export type ChartSeries = {
  name: string;
  values: number[];
};

const COLORS = [
  "var(--blue-france-sun-113-625)",
  "var(--green-archipel-sun-391-moon-716)",
  "var(--purple-glycine-sun-319-moon-630)",
  "var(--orange-terre-battue-sun-370-moon-672)",
];

const W = 760;
const H = 300;
const M = { top: 12, right: 12, bottom: 44, left: 92 };

/**
 * A round upper bound and step for the value axis: 1, 2 or 5 × a power of ten, at least 1
 * (the charts count things or euros, never fractions of them).
 */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  return { max: Math.ceil(max / step) * step, step };
}

export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  formatTick,
}: {
  id: string;
  title: string;
  /** What the chart shows, in one or two sentences (read by screen readers). */
  description: string;
  categories: string[];
  series: ChartSeries[];
  /** Labels of the value axis, e.g. euros without cents. */
  formatTick: (value: number) => string;
}) {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const maxValue = Math.max(0, ...series.flatMap((s) => s.values));
  const scale = niceScale(maxValue);
  const y = (v: number) => M.top + plotH - (v / scale.max) * plotH;
  const group = categories.length > 0 ? plotW / categories.length : plotW;
  const barW = (group * 0.8) / Math.max(1, series.length);
  // At most about twelve category labels, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12));
  const ticks = Array.from({ length: Math.round(scale.max / scale.step) + 1 }, (_, k) => k * scale.step);

  return (
    <figure className="fr-my-3w">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        style={{ maxWidth: `${W}px`, height: "auto", display: "block" }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={M.left}
              x2={W - M.right}
              y1={y(v)}
              y2={y(v)}
              stroke="var(--border-default-grey)"
              strokeWidth={1}
            />
            <text
              x={M.left - 8}
              y={y(v)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={12}
              fill="var(--text-mention-grey)"
            >
              {formatTick(v)}
            </text>
          </g>
        ))}
        {categories.map((c, i) => (
          <g key={c}>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const top = y(v);
              return (
                <rect
                  key={s.name}
                  x={M.left + i * group + group * 0.1 + j * barW}
                  y={top}
                  width={Math.max(1, barW - 1)}
                  height={Math.max(0, M.top + plotH - top)}
                  fill={COLORS[j % COLORS.length]}
                />
              );
            })}
            {i % labelEvery === 0 && (
              <text
                x={M.left + i * group + group / 2}
                y={H - M.bottom + 18}
                textAnchor="middle"
                fontSize={12}
                fill="var(--text-mention-grey)"
              >
                {c}
              </text>
            )}
          </g>
        ))}
        <line
          x1={M.left}
          x2={W - M.right}
          y1={M.top + plotH}
          y2={M.top + plotH}
          stroke="var(--text-default-grey)"
          strokeWidth={1}
        />
      </svg>
      {series.length > 1 && (
        <figcaption>
          <ul className="fr-raw-list fr-mt-1w" style={{ display: "flex", flexWrap: "wrap", gap: "1.5rem" }}>
            {series.map((s, j) => (
              <li key={s.name} className="fr-text--sm fr-mb-0">
                <svg
                  width="14"
                  height="14"
                  aria-hidden="true"
                  focusable="false"
                  style={{ verticalAlign: "middle" }}
                >
                  <rect width="14" height="14" fill={COLORS[j % COLORS.length]} />
                </svg>{" "}
                {s.name}
                {j === 0 ? " (barre de gauche)" : j === series.length - 1 ? " (barre de droite)" : ""}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
