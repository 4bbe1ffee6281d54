// `npm run data:generate -- [--scale 1] [--seed 20261125] [--today 2026-11-20] [--reset] [--dry-run]`
//
// Fills an empty database with the deterministic national-scale data set
// (scripts/data-generator/generate.ts) and prints the rows written per second.
//   DATABASE_URL set   → that PostgreSQL database (migrated here first, like `prisma migrate
//                        deploy`); --reset drops and recreates its `public` schema first.
//   DATABASE_URL unset → an embedded PGlite database in --pglite-dir (default
//                        .data/generated/pglite; small scales only); --reset empties it.
// --dry-run generates everything without a database and prints the counts.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "@/lib/db/migrations";
import {
  GENERATOR_DEFAULTS,
  type GenerateReport,
  generateDataSet,
  noDatabaseAnswer,
  type SqlClient,
} from "./generate";
import { checkInvariants } from "./invariants";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: String(GENERATOR_DEFAULTS.scale) },
    seed: { type: "string", default: String(GENERATOR_DEFAULTS.seed) },
    today: { type: "string", default: GENERATOR_DEFAULTS.today },
    years: { type: "string", default: String(GENERATOR_DEFAULTS.years) },
    reset: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    "pglite-dir": { type: "string", default: path.join(".data", "generated", "pglite") },
  },
});

const scale = Number(args.scale);
const seed = Number(args.seed);
const years = Number(args.years);
if (!(scale > 0 && scale <= 10) || !Number.isInteger(seed) || !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) {
  console.error("Usage : npm run data:generate -- --scale 0.01 [--seed N] [--today AAAA-MM-JJ] [--reset]");
  process.exit(2);
}
const log = (line: string) => console.log(line);
const options = { scale, seed, today: args.today, years, log };

function printReport(r: GenerateReport, target: string) {
  const width = Math.max(...Object.keys(r.counts).map((k) => k.length));
  console.log(`\nJeu de données (graine ${r.seed}, échelle ${r.scale}, au ${r.today}) → ${target}`);
  for (const [table, n] of Object.entries(r.counts).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${table.padEnd(width)}  ${n.toLocaleString("fr-FR").padStart(12)}`);
  }
  console.log(
    `  ${"total".padEnd(width)}  ${r.rows.toLocaleString("fr-FR").padStart(12)} lignes en ${r.seconds.toFixed(1)} s — ${r.rowsPerSecond.toLocaleString("fr-FR")} lignes/s`,
  );
}

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * The load skips triggers (replica mode, see generate.ts): the invariants those triggers and
 * the domain guard are checked on what was written — ceiling, consumed ≤ ordered,
 * certified ≤ consumed, working days, gapless numbers, every reference. Any failure fails
 * the command (exit code 1).
 */
async function verify(query: Query): Promise<void> {
  const t = performance.now();
  const failures = await checkInvariants(query);
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (failures.length > 0) {
    for (const f of failures) console.error(`  INVARIANT ROMPU : ${f.name} (${f.offending} lignes)`);
    throw new Error(`Le jeu de données généré ne respecte pas ${failures.length} invariant(s).`);
  }
  console.log(`  invariants vérifiés (plafond, jours, numérotation, références) en ${seconds} s`);
}

async function dryRun() {
  const client: SqlClient = {
    exec: async () => undefined,
    query: async <T>(sql: string) => noDatabaseAnswer(sql) as T[],
  };
  printReport(await generateDataSet({ ...options, client }), "aucune base (--dry-run)");
}

/** CPU seconds used by a local PostgreSQL backend (null when the server is not on this machine). */
function backendCpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function onPostgres(url: string) {
  const pg = (await import("pg")).default;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    if (args.reset) {
      log("Remise à zéro du schéma public…");
      await db.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    }
    const applied = await applyMigrations(db);
    if (applied.length) log(`Migrations appliquées : ${applied.length}.`);
    // Statements go through one promise chain: the connection runs one at a time while
    // Node keeps generating the next batches (Loader's maxInFlight).
    let chain: Promise<unknown> = Promise.resolve();
    const client: SqlClient = {
      exec: (sql, params) => {
        const run = chain.then(() => db.query(sql, params));
        chain = run.catch(() => {});
        return run;
      },
      query: async <T>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as T[],
    };
    const [{ pid }] = (await db.query("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    const dbCpu = () => backendCpuSeconds(pid);
    const cpu0 = { node: process.cpuUsage(), db: dbCpu() };
    await db.query("BEGIN");
    let report: GenerateReport;
    try {
      // Up to 3 batches queued on the connection: PostgreSQL inserts while Node generates.
      report = await generateDataSet({ ...options, client, maxInFlight: 3 });
      await db.query("COMMIT");
    } catch (e) {
      await db.query("ROLLBACK").catch(() => {});
      throw e;
    }
    printReport(report, "PostgreSQL");
    const nodeCpu = process.cpuUsage(cpu0.node);
    const db1 = dbCpu();
    console.log(
      `  temps processeur : Node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s` +
        (db1 !== null && cpu0.db !== null ? `, PostgreSQL ${(db1 - cpu0.db).toFixed(1)} s` : "") +
        ` (le reste de la durée : attente d'entrées-sorties ou d'autres processus)`,
    );
    const t = performance.now();
    // Statistics for the planner and the visibility map for index-only scans, as a
    // production database that autovacuum has visited would have.
    await db.query("VACUUM (ANALYZE)");
    console.log(`  VACUUM ANALYZE en ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await verify(async <T>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as T[]);
    const marker = JSON.stringify({ generator: { scale, seed, today: args.today, years } }).replaceAll(
      "'",
      "''",
    );
    await db.query(
      `DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '${marker}'); END $$`,
    );
  } finally {
    await db.end();
  }
}

async function onPglite(dir: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pgliteStartParams } = await import("@/lib/db/pglite");
  if (args.reset) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pgl = new PGlite({ dataDir: dir, startParams: pgliteStartParams });
  try {
    await applyMigrations(pgl);
    const report = await pgl.transaction((tx) =>
      generateDataSet({
        ...options,
        client: {
          exec: (sql, params) => tx.query(sql, params),
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        },
      }),
    );
    printReport(report, `PGlite (${dir})`);
    await pgl.exec("VACUUM (ANALYZE)");
    await verify(async <T>(sql: string, params?: unknown[]) => (await pgl.query<T>(sql, params)).rows);
  } finally {
    await pgl.close();
  }
}

async function main() {
  if (args["dry-run"]) return dryRun();
  const url = process.env.DATABASE_URL?.trim();
  if (url) return onPostgres(url);
  if (scale > 0.05) console.warn("Attention : PGlite est prévu pour les petites échelles (≤ 0,05).");
  return onPglite(args["pglite-dir"]);
}

main().catch((e) => {
  console.error(String(e instanceof Error ? e.message : e).slice(0, 2000));
  process.exit(1);
});
