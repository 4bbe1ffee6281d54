// Pure rules of the consolidation (no I/O): the periods the reports speak of (months,
// quarters, semesters), the trailing window of the ceiling forecast and the projection
// itself. Money is integer cents (bigint), day counts are integers: no floating point.
import { addDays, differenceInCalendarDays, endOfMonth, format, parse } from "date-fns";

/** Business years outside this range are certainly a typo. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const MONTH_NAMES = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

function yearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function iso(d: Date): string {
  return format(d, "yyyy-MM-dd");
}

function fromIso(s: string): Date {
  return parse(s, "yyyy-MM-dd", new Date(0));
}

/** "2026-03" → "mars 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** Last calendar day of a "YYYY-MM" month, as "YYYY-MM-DD". */
export function lastDayOfMonth(month: string): string {
  return iso(endOfMonth(fromIso(`${month}-01`)));
}

/** Reads a month typed or carried in a URL ("YYYY-MM", as `<input type="month">` sends it). */
export function parseMonth(raw: string, label = "Le mois"): ParseResult<string> {
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return { ok: false, message: `${label} doit être un mois au format AAAA-MM, par exemple 2026-03.` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, message: `${label} n'est pas un mois valide.` };
  if (!yearInRange(year)) {
    return { ok: false, message: `${label} doit être compris entre ${MIN_YEAR} et ${MAX_YEAR}.` };
  }
  return { ok: true, value: s };
}

/** A period of whole days, both ends included ("YYYY-MM-DD"). */
export type Period = { from: string; to: string };

/**
 * The dashboard's period filter: from the first day of the first month to the last day of
 * the last month. Either end may be absent (open period). An inverted period is refused.
 */
export function monthPeriod(
  fromMonth: string | undefined,
  toMonth: string | undefined,
): ParseResult<{ from: string | null; to: string | null }> & { field?: "from" | "to" } {
  let from: string | null = null;
  let to: string | null = null;
  if (fromMonth) {
    const p = parseMonth(fromMonth, "Le mois de début");
    if (!p.ok) return { ...p, field: "from" };
    from = `${p.value}-01`;
  }
  if (toMonth) {
    const p = parseMonth(toMonth, "Le mois de fin");
    if (!p.ok) return { ...p, field: "to" };
    to = lastDayOfMonth(p.value);
  }
  if (from && to && to < from) {
    return {
      ok: false,
      field: "to",
      message: "La période est inversée : le mois de fin doit être égal ou postérieur au mois de début.",
    };
  }
  return { ok: true, value: { from, to } };
}

export type Semester = Period & { key: string; label: string };
export type Quarter = Period & { key: string; label: string };

/** "2026-S2" → 1 July – 31 December 2026. */
export function parseSemester(raw: string): ParseResult<Semester> {
  const m = /^(\d{4})-S([12])$/.exec(raw.trim().toUpperCase());
  if (!m) {
    return {
      ok: false,
      message: "Le semestre doit s'écrire AAAA-S1 ou AAAA-S2, par exemple 2026-S2.",
    };
  }
  const year = Number(m[1]);
  if (!yearInRange(year)) {
    return { ok: false, message: `L'année du semestre doit être comprise entre ${MIN_YEAR} et ${MAX_YEAR}.` };
  }
  const half = Number(m[2]);
  return {
    ok: true,
    value: {
      key: `${year}-S${half}`,
      label: `${half === 1 ? "1er" : "2e"} semestre ${year}`,
      from: half === 1 ? `${year}-01-01` : `${year}-07-01`,
      to: half === 1 ? `${year}-06-30` : `${year}-12-31`,
    },
  };
}

/** "2026-T4" → 1 October – 31 December 2026 (T for trimestre; "Q" is accepted too). */
export function parseQuarter(raw: string): ParseResult<Quarter> {
  const m = /^(\d{4})-[TQ]([1-4])$/.exec(raw.trim().toUpperCase());
  if (!m) {
    return {
      ok: false,
      message: "Le trimestre doit s'écrire AAAA-T1 à AAAA-T4, par exemple 2026-T4.",
    };
  }
  const year = Number(m[1]);
  if (!yearInRange(year)) {
    return {
      ok: false,
      message: `L'année du trimestre doit être comprise entre ${MIN_YEAR} et ${MAX_YEAR}.`,
    };
  }
  const q = Number(m[2]);
  const firstMonth = `${year}-${String(3 * q - 2).padStart(2, "0")}`;
  const lastMonth = `${year}-${String(3 * q).padStart(2, "0")}`;
  return {
    ok: true,
    value: {
      key: `${year}-T${q}`,
      label: `${q === 1 ? "1er" : `${q}e`} trimestre ${year}`,
      from: `${firstMonth}-01`,
      to: lastDayOfMonth(lastMonth),
    },
  };
}

/** The semester containing a date ("YYYY-MM-DD") → "2026-S2". */
export function semesterOf(date: string): string {
  return `${date.slice(0, 4)}-S${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** The quarter containing a date → "2026-T4". */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-T${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** The previous and next keys, for the report pages' navigation. */
export function adjacentSemesters(key: string): { previous: string; next: string } {
  const [y, h] = [Number(key.slice(0, 4)), Number(key.slice(6))];
  return h === 1
    ? { previous: `${y - 1}-S2`, next: `${y}-S2` }
    : { previous: `${y}-S1`, next: `${y + 1}-S1` };
}

export function adjacentQuarters(key: string): { previous: string; next: string } {
  const [y, q] = [Number(key.slice(0, 4)), Number(key.slice(6))];
  return {
    previous: q === 1 ? `${y - 1}-T4` : `${y}-T${q - 1}`,
    next: q === 4 ? `${y + 1}-T1` : `${y}-T${q + 1}`,
  };
}

/** The first day of every month of a period, in order ("YYYY-MM"). */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  const endKey = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > endKey) break;
    out.push(key);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ── Ceiling forecast ──────────────────────────────────────────────────────────────────────

/**
 * The trailing window of the forecast: the three whole calendar months before the current
 * one (on 25 November 2026: August, September and October 2026). The current month is left
 * out because its reports are not in yet; counting it would understate the pace.
 */
export function trailingWindow(today: string): Period & { days: number } {
  const firstOfMonth = fromIso(`${today.slice(0, 7)}-01`);
  const to = addDays(firstOfMonth, -1);
  const fromMonth = new Date(firstOfMonth.getFullYear(), firstOfMonth.getMonth() - 3, 1);
  return {
    from: iso(fromMonth),
    to: iso(to),
    days: differenceInCalendarDays(to, fromMonth) + 1,
  };
}

/** max × bp / 10 000, half-up to the cent (bp: basis points, 8000 = 80 %). */
export function thresholdCents(maxCents: bigint, thresholdBp: number): bigint {
  return (maxCents * BigInt(thresholdBp) + 5_000n) / 10_000n;
}

/** Beyond this many days ahead, a projected date means nothing: "not at this pace". */
const HORIZON_DAYS = 100n * 366n;

export type Reach =
  /** Already at or above the level today. */
  | { kind: "reached" }
  /** Reached on this date if the trailing pace goes on. */
  | { kind: "projected"; on: string }
  /** The pace is nil or negative (or the date is a century away): never at this pace. */
  | { kind: "never" };

/**
 * When a level is reached at a steady daily pace: the first day on which
 * current + pace × days ≥ level, with pace = windowCents / windowDays. Exact integer
 * arithmetic: days = ceil((level − current) × windowDays / windowCents).
 */
export function projectReach({
  today,
  currentCents,
  levelCents,
  windowCents,
  windowDays,
}: {
  today: string;
  currentCents: bigint;
  levelCents: bigint;
  windowCents: bigint;
  windowDays: number;
}): Reach {
  if (currentCents >= levelCents) return { kind: "reached" };
  if (windowCents <= 0n || windowDays <= 0) return { kind: "never" };
  const missing = (levelCents - currentCents) * BigInt(windowDays);
  const days = (missing + windowCents - 1n) / windowCents;
  if (days > HORIZON_DAYS) return { kind: "never" };
  return { kind: "projected", on: iso(addDays(fromIso(today), Number(days))) };
}

export type SeriesForecast = {
  currentCents: bigint;
  /** Amount of the trailing window (three whole months). */
  windowCents: bigint;
  /** Average per month over the window, half-up to the cent. */
  monthlyPaceCents: bigint;
  maximum: Reach;
  threshold: Reach;
  /** The threshold is reached, or projected to be, on or before the agreement's end. */
  warning: boolean;
};

export type Forecast = {
  today: string;
  window: Period & { days: number };
  maxCents: bigint;
  thresholdBp: number;
  thresholdCents: bigint;
  agreementEndsOn: string;
  committed: SeriesForecast;
  consumed: SeriesForecast;
};

/** Both projections (committed, consumed) and the warning DINUM set a threshold for. */
export function forecastCeiling(input: {
  today: string;
  maxCents: bigint;
  thresholdBp: number;
  agreementEndsOn: string;
  committed: { currentCents: bigint; windowCents: bigint };
  consumed: { currentCents: bigint; windowCents: bigint };
}): Forecast {
  const window = trailingWindow(input.today);
  const level = thresholdCents(input.maxCents, input.thresholdBp);
  const series = (s: { currentCents: bigint; windowCents: bigint }): SeriesForecast => {
    const reach = (levelCents: bigint) =>
      projectReach({
        today: input.today,
        currentCents: s.currentCents,
        levelCents,
        windowCents: s.windowCents,
        windowDays: window.days,
      });
    const threshold = reach(level);
    return {
      currentCents: s.currentCents,
      windowCents: s.windowCents,
      monthlyPaceCents: divideHalfUp(s.windowCents, 3n),
      maximum: reach(input.maxCents),
      threshold,
      warning:
        threshold.kind === "reached" ||
        (threshold.kind === "projected" && threshold.on <= input.agreementEndsOn),
    };
  };
  return {
    today: input.today,
    window,
    maxCents: input.maxCents,
    thresholdBp: input.thresholdBp,
    thresholdCents: level,
    agreementEndsOn: input.agreementEndsOn,
    committed: series(input.committed),
    consumed: series(input.consumed),
  };
}

/** a ÷ b rounded half away from zero (b > 0). */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** Share of a maximum in basis points, half-up (for "42,5 %"). */
export function shareBp(partCents: bigint, maxCents: bigint): number {
  if (maxCents <= 0n) return 0;
  return Number(divideHalfUp(partCents * 10_000n, maxCents));
}

/** 4250 → "42,5 %" ; 8000 → "80 %". */
export function formatBp(bp: number): string {
  const neg = bp < 0;
  const abs = Math.abs(bp);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  const fracStr = frac === 0 ? "" : `,${String(frac).padStart(2, "0").replace(/0$/, "")}`;
  return `${neg ? "-" : ""}${whole}${fracStr}\u00a0%`;
}

/**
 * A threshold typed in percent ("80", "85,5") → basis points, between 1 % and 100 %.
 * At most one decimal (a tenth of a point is as fine as anyone sets an alert).
 */
export function parseThresholdPercent(raw: string): ParseResult<number> {
  const s = raw.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
  if (s === "") return { ok: false, message: "Indiquez le seuil d'alerte, en pourcentage." };
  if (!/^\d{1,3}(\.\d)?$/.test(s)) {
    return {
      ok: false,
      message: "Le seuil d'alerte doit être un pourcentage, par exemple 80 ou 85,5.",
    };
  }
  const [whole, frac = "0"] = s.split(".") as [string, string?];
  const bp = Number(whole) * 100 + Number(frac) * 10;
  if (bp < 100 || bp > 10_000) {
    return { ok: false, message: "Le seuil d'alerte doit être compris entre 1 % et 100 %." };
  }
  return { ok: true, value: bp };
}

/** 8050 → "80,5" (to prefill the threshold input). */
export function bpToPercentInput(bp: number): string {
  return formatBp(bp).replace(/\u00a0%$/, "");
}
