// `npm run audit:verify [-- --attendu <seq>:<hash>]`: checks the hash chain of the audit
// trail (lib/audit/chain.ts) on the configured database (DATABASE_URL, or the embedded PGlite
// when it is unset — stop the portal first: one process at a time on a PGlite directory).
// Prints one French verdict. Exit code: 0 intact, 1 altered (the first broken event is
// named), 2 the check could not run.
// `--attendu` takes a "Dernier maillon" published earlier (the daily retention job logs it as
// `audit.chain_head`): a chain rewritten or cut short since then is detected too.
import { loadEnvConfig } from "@next/env";
import { formatChainReport, parseAnchor, verifyAuditChain } from "@/lib/audit/chain";
import { closeDb, getDb } from "@/lib/db";

async function main(): Promise<number> {
  loadEnvConfig(process.cwd(), false);
  const i = process.argv.indexOf("--attendu");
  const anchorText = i >= 0 ? process.argv[i + 1] : undefined;
  const anchor = anchorText === undefined ? undefined : parseAnchor(anchorText);
  if (anchor === null) {
    console.error("--attendu doit être de la forme <numéro>:<empreinte de 64 caractères hexadécimaux>.");
    return 2;
  }
  const db = await getDb();
  try {
    const report = await verifyAuditChain(db, { anchor });
    const line = formatChainReport(report);
    if (report.ok) console.log(line);
    else console.error(line);
    return report.ok ? 0 : 1;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(
      `La vérification du journal d'audit n'a pas pu être faite : ${e instanceof Error ? e.message : e}`,
    );
    process.exit(2);
  },
);
