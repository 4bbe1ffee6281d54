import "server-only";
// The public statistics, cached for a few minutes: they are aggregates only (no personal
// data, nothing that depends on who asks), so every visitor may share one computation, and
// figures that are up to STATS_CACHE_SECONDS old are fine for a public page.
//
// The page and the CSV download must show the same figures. They are bundled separately by
// Next (a page and a route handler), and Next's data cache serves a stale entry while it
// refreshes it, so two requests a second apart could read two different computations. One
// entry per server process, kept on globalThis (shared by every bundle), computed once at a
// time and replaced only when it has expired, gives both the very same value.
import { computePublicStats } from "./queries";
import type { PublicStats } from "./rules";

export const STATS_CACHE_SECONDS = 300;

type Entry = { value: Promise<PublicStats>; expiresAt: number };
const g = globalThis as unknown as { __commandesPublicStats?: Entry };

export async function getPublicStats(now: number = Date.now()): Promise<PublicStats> {
  const entry = g.__commandesPublicStats;
  if (entry && entry.expiresAt > now) return entry.value;
  const value = computePublicStats();
  g.__commandesPublicStats = { value, expiresAt: now + STATS_CACHE_SECONDS * 1000 };
  // A failed computation is not kept: the next visitor tries again.
  value.catch(() => {
    if (g.__commandesPublicStats?.value === value) g.__commandesPublicStats = undefined;
  });
  return value;
}
