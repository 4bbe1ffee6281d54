// `npm run retention`: purges now what the server purges daily (lib/retention/job.ts):
// access logs and ended sessions older than ACCESS_LOG_RETENTION_MONTHS (12 by default).
// On the embedded PGlite database, stop the portal first (one process at a time).
import { loadEnvConfig } from "@next/env";
import { closeDb } from "@/lib/db";
import { runRetention } from "@/lib/retention/job";

async function main() {
  loadEnvConfig(process.cwd(), false);
  const r = await runRetention();
  console.log(
    `Conservation de ${r.months} mois (avant le ${r.cutoff.toISOString()}) : ${r.accessLogs} lignes du journal d'accès et ${r.sessions} sessions terminées supprimées.`,
  );
  if (r.chainHead) console.log(`Dernier maillon du journal d'audit : ${r.chainHead.seq}:${r.chainHead.hash}`);
  await closeDb();
}

main().catch((e) => {
  console.error(`La purge n'a pas pu être faite : ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
