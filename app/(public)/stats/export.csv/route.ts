// The figures of the public /stats page as one CSV file (RFC 4180), from the same cached
// aggregates: no personal data, safe for shared caches for a few minutes.
import { todayIso } from "@/lib/dates";
import { getPublicStats, STATS_CACHE_SECONDS } from "@/lib/stats/cached";
import { statsTableToCsv } from "@/lib/stats/csv";
import { statsTable } from "@/lib/stats/rules";

export const dynamic = "force-dynamic";

export async function GET() {
  const table = statsTable(await getPublicStats(), todayIso());
  return new Response(statsTableToCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${table.name}.csv"`,
      "Cache-Control": `public, max-age=${STATS_CACHE_SECONDS}`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
