import "server-only";
// The public statistics, cached for a few minutes: they are aggregates only (no personal
// data, nothing that depends on who asks), so every visitor may share one computation, and
// figures that are up to CACHE_SECONDS old are fine for a public page. The page and the CSV
// download read the same cached value, so they always show the same figures.
import { unstable_cache } from "next/cache";
import { computePublicStats } from "./queries";
import type { PublicStats } from "./rules";

export const STATS_CACHE_SECONDS = 300;

// Next's data cache stores JSON: BigInt amounts travel as tagged strings.
const BIGINT_TAG = "bigint:";

function serialize(stats: PublicStats): string {
  return JSON.stringify(stats, (_k, v) => (typeof v === "bigint" ? `${BIGINT_TAG}${v.toString()}` : v));
}

function deserialize(json: string): PublicStats {
  return JSON.parse(json, (_k, v) =>
    typeof v === "string" && v.startsWith(BIGINT_TAG) ? BigInt(v.slice(BIGINT_TAG.length)) : v,
  ) as PublicStats;
}

const cachedJson = unstable_cache(async () => serialize(await computePublicStats()), ["public-stats-v1"], {
  revalidate: STATS_CACHE_SECONDS,
  tags: ["public-stats"],
});

export async function getPublicStats(): Promise<PublicStats> {
  return deserialize(await cachedJson());
}
