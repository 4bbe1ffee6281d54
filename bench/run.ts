// `npm run bench` — the performance bench (docs/PERFORMANCE.md, README « Mesurer les
// performances»). Not a test, not run by CI.
//
//   1. PostgreSQL: BENCH_DATABASE_URL (an admin URL) or a throwaway local server started with
//      scripts/pg-server.sh in .data/bench/pg; database `commandes_bench` filled once by the
//      generator at --scale (default 1, the national data set) and reused afterwards;
//   2. the production build (built when missing, or with --build), the local mail capture and
//      `next start`, with server-side sessions opened for a DINUM administrator, the largest
//      beneficiary's correspondent and a contractor's correspondent;
//   3. each HTTP scenario: a probe (404 → "absent"), a warm-up, then autocannon for
//      --duration seconds over --connections connections; the SQL floors; the in-process
//      write scenarios (grid save; issuing orders 50 at a time, then the invariants);
//   4. a table (p50, p95, requests/s, errors, ratio to the floor, server's peak RSS) on the
//      console and as JSON in bench/results/.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb } from "@/lib/db";
import { type BenchContext, buildContext, closeSessions, openSessions } from "./context";
import { CpuMeter, dbSecondsBetween } from "./cpu";
import { FLOORS } from "./floors";
import { load, percentile, probe, RssSampler } from "./http";
import { issueOrdersScenario, saveGridScenario, settleNotifications } from "./mutations";
import { HTTP_SCENARIOS, type HttpScenario, type InProcessScenario } from "./scenarios";
import { ensureBuild, ensureDataSet, ensurePostgres, startMailCapture, startPortal } from "./server";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    connections: { type: "string", default: "2" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    "floor-runs": { type: "string", default: "20" },
    "floor-seconds": { type: "string", default: "60" },
    "issue-concurrency": { type: "string", default: "50" },
    "issue-rounds": { type: "string", default: "3" },
    port: { type: "string", default: "3300" },
    "pg-port": { type: "string", default: "55499" },
    "pg-dir": { type: "string", default: path.join(".data", "bench", "pg") },
    database: { type: "string", default: "commandes_bench" },
    only: { type: "string" },
    build: { type: "boolean", default: false },
    regenerate: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const num = (k: keyof typeof args) => Number(args[k]);
/** Requests measured on a page too slow for a timed run (see measureHttp). */
const SLOW_PAGE_REQUESTS = 4;
const MIN_FLOOR_RUNS = 3;
const only = args.only ? new Set(args.only.split(",")) : null;
const wanted = (id: string) => !only || only.has(id);

type Row = {
  id: string;
  label: string;
  mode: "HTTP" | "in-process" | "SQL";
  status: "ok" | "absent" | "failed";
  detail?: string;
  p50Ms: number | null;
  p95Ms: number | null;
  requestsPerSecond: number | null;
  samples: number;
  errors: number;
  expectedRefusals?: number;
  floor?: string;
  floorP95Ms?: number | null;
  floorRatio?: number | null;
  peakRssMB?: number | null;
  /** CPU per request, in ms: the portal's processes, and the database sessions (local server). */
  serverCpuMsPerRequest?: number | null;
  dbCpuMsPerRequest?: number | null;
  target?: { p95Ms: number; floorRatio?: number };
  meetsTarget?: boolean | null;
  notes?: string[];
  invariantFailures?: Array<{ name: string; offending: number }>;
};

const round = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function measureFloors(ctx: BenchContext): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const f of FLOORS) {
    if (!wanted(f.id) && !HTTP_SCENARIOS.some((s) => s.floor === f.id && wanted(s.id))) continue;
    const run = await f.prepare(ctx);
    if (!run) {
      out.set(f.id, {
        id: f.id,
        label: f.label,
        mode: "SQL",
        status: "absent",
        p50Ms: null,
        p95Ms: null,
        requestsPerSecond: null,
        samples: 0,
        errors: 0,
      });
      continue;
    }
    // Warm-up (one run when a run takes seconds), then --floor-runs runs or as many as fit
    // in --floor-seconds, at least MIN_FLOOR_RUNS.
    const w = performance.now();
    await run();
    if (performance.now() - w < 1000) for (let i = 0; i < 2; i++) await run();
    const times: number[] = [];
    const deadline = performance.now() + num("floor-seconds") * 1000;
    for (let i = 0; i < num("floor-runs"); i++) {
      if (i >= MIN_FLOOR_RUNS && performance.now() > deadline) break;
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    out.set(f.id, {
      id: f.id,
      label: f.label,
      mode: "SQL",
      status: "ok",
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      requestsPerSecond: null,
      samples: times.length,
      errors: 0,
    });
    console.log(
      `  plancher ${f.id.padEnd(16)} p50 ${percentile(times, 50)?.toFixed(1)} ms, p95 ${percentile(times, 95)?.toFixed(1)} ms`,
    );
  }
  return out;
}

async function measureHttp(
  s: HttpScenario,
  ctx: BenchContext,
  base: string,
  rss: RssSampler,
  cpu: CpuMeter,
  floors: Map<string, Row>,
): Promise<Row> {
  const row: Row = {
    id: s.id,
    label: s.label,
    mode: "HTTP",
    status: "ok",
    p50Ms: null,
    p95Ms: null,
    requestsPerSecond: null,
    samples: 0,
    errors: 0,
    target: s.target,
    ...(s.floor ? { floor: s.floor } : {}),
  };
  const route = s.path(ctx);
  const cookie = ctx.cookies[s.role] ?? "";
  if (!route) return { ...row, status: "absent", detail: "aucune donnée pour ce scénario" };
  const url = base + route;
  const p = await probe(url, cookie);
  if (p.status === 404) return { ...row, status: "absent", detail: `${route} → 404` };
  if (p.status !== 200 || (s.contentType && !p.contentType.startsWith(s.contentType))) {
    return {
      ...row,
      status: "failed",
      detail: `${route} → ${p.status} ${p.contentType}${p.location ? ` → ${p.location}` : ""}`,
    };
  }
  // A page slower than a tenth of the duration (on a second request: the first one pays for
  // loading the route's code) is measured over a fixed number of requests
  // (SLOW_PAGE_REQUESTS) instead of the duration, the two probes being its warm-up.
  const slow = (p.ms > 1000 ? (await probe(url, cookie)).ms : p.ms) > (num("duration") * 1000) / 10;
  if (!slow) await load(url, cookie, { connections: num("connections"), seconds: num("warmup") });
  rss.mark();
  const before = await cpu.sample();
  const r = await load(url, cookie, {
    connections: num("connections"),
    seconds: num("duration"),
    ...(slow ? { amount: SLOW_PAGE_REQUESTS } : {}),
  });
  const after = await cpu.sample();
  const perRequest = (seconds: number | null) =>
    seconds === null || r.requests === 0 ? null : round((seconds * 1000) / r.requests);
  const floor = s.floor ? floors.get(s.floor) : undefined;
  const p95 = percentile(r.latenciesMs, 95);
  const ratio = floor?.p95Ms && p95 !== null ? p95 / floor.p95Ms : null;
  const meets =
    p95 === null
      ? null
      : p95 <= s.target.p95Ms &&
        (s.target.floorRatio === undefined || ratio === null || ratio <= s.target.floorRatio);
  return {
    ...row,
    detail: `${route} (${Math.round(p.bytes / 1024)} Kio)`,
    p50Ms: round(percentile(r.latenciesMs, 50)),
    p95Ms: round(p95),
    requestsPerSecond: round(r.requests / r.seconds),
    samples: r.latenciesMs.length,
    errors: r.errors,
    floorP95Ms: floor?.p95Ms ?? null,
    floorRatio: round(ratio, 2),
    peakRssMB: mb(rss.mark()),
    serverCpuMsPerRequest: perRequest(after.server - before.server),
    dbCpuMsPerRequest: perRequest(dbSecondsBetween(before, after)),
    meetsTarget: meets,
  };
}

async function measureInProcess(s: InProcessScenario, ctx: BenchContext): Promise<Row> {
  const row: Row = {
    id: s.id,
    label: s.label,
    mode: "in-process",
    status: "ok",
    p50Ms: null,
    p95Ms: null,
    requestsPerSecond: null,
    samples: 0,
    errors: 0,
    target: s.target,
  };
  let r: Awaited<ReturnType<InProcessScenario["run"]>>;
  try {
    r = await s.run(ctx);
  } catch (error) {
    return { ...row, status: "failed", detail: error instanceof Error ? error.message : String(error) };
  }
  if (!r) return { ...row, status: "absent", detail: "fonction absente de cette version" };
  const p95 = percentile(r.latenciesMs, 95);
  const broken = (r.invariantFailures ?? []).length;
  return {
    ...row,
    p50Ms: round(percentile(r.latenciesMs, 50)),
    p95Ms: round(p95),
    samples: r.latenciesMs.length,
    errors: r.errors.length,
    expectedRefusals: r.expectedRefusals,
    notes: [...r.notes, ...[...new Set(r.errors)].slice(0, 5).map((e) => `erreur : ${e}`)],
    ...(r.invariantFailures ? { invariantFailures: r.invariantFailures } : {}),
    meetsTarget: p95 === null ? null : p95 <= s.target.p95Ms && r.errors.length === 0 && broken === 0,
  };
}

function printTable(rows: Row[], peakRssMB: number) {
  const cols: Array<[string, (r: Row) => string, number]> = [
    ["scénario", (r) => r.id, 18],
    ["mode", (r) => r.mode, 10],
    ["p50 ms", (r) => (r.p50Ms === null ? "—" : String(r.p50Ms)), 8],
    ["p95 ms", (r) => (r.p95Ms === null ? "—" : String(r.p95Ms)), 8],
    ["req/s", (r) => (r.requestsPerSecond === null ? "—" : String(r.requestsPerSecond)), 7],
    [
      "erreurs",
      (r) =>
        r.status === "ok"
          ? String(r.errors) + (r.expectedRefusals ? ` (+${r.expectedRefusals} plafond)` : "")
          : "—",
      9,
    ],
    [
      "× plancher",
      (r) => (r.floorRatio === null || r.floorRatio === undefined ? "—" : `${r.floorRatio}×`),
      10,
    ],
    [
      "CPU ms/req",
      (r) =>
        r.serverCpuMsPerRequest === null || r.serverCpuMsPerRequest === undefined
          ? "—"
          : `${r.serverCpuMsPerRequest}${r.dbCpuMsPerRequest !== null && r.dbCpuMsPerRequest !== undefined ? `+${r.dbCpuMsPerRequest}` : ""}`,
      11,
    ],
    ["RSS Mo", (r) => (r.peakRssMB === null || r.peakRssMB === undefined ? "—" : String(r.peakRssMB)), 7],
    [
      "cible p95",
      (r) => (r.target ? `${r.target.p95Ms}${r.target.floorRatio ? ` / ${r.target.floorRatio}×` : ""}` : "—"),
      11,
    ],
    [
      "",
      (r) =>
        r.status !== "ok"
          ? r.status.toUpperCase()
          : r.meetsTarget === null || r.meetsTarget === undefined
            ? ""
            : r.meetsTarget
              ? "ok"
              : "MANQUÉ",
      8,
    ],
  ];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(cols[i]?.[2] ?? 8)).join(" ");
  console.log(`\n${line(cols.map((c) => c[0]))}`);
  for (const r of rows) {
    console.log(line(cols.map((c) => c[1](r))));
    if (r.status !== "ok" && r.detail) console.log(`    ${r.detail}`);
    for (const n of r.notes ?? []) console.log(`    ${n}`);
    for (const f of r.invariantFailures ?? [])
      console.log(`    INVARIANT ROMPU : ${f.name} (${f.offending})`);
  }
  console.log(`\nRSS maximale du serveur : ${peakRssMB} Mo (cible ≤ 400 Mo)`);
  console.log(
    "CPU ms/req : temps processeur du portail par requête (+ celui des sessions PostgreSQL du banc).",
  );
}

async function main() {
  const scale = num("scale");
  const started = new Date();
  const postgres = await ensurePostgres({
    adminUrl: process.env.BENCH_DATABASE_URL || undefined,
    dir: args["pg-dir"],
    port: num("pg-port"),
  });
  try {
    await runWith(postgres.adminUrl, scale, started);
  } finally {
    await postgres.stop();
  }
}

async function runWith(adminUrl: string, scale: number, started: Date) {
  const data = await ensureDataSet({ adminUrl, database: args.database, scale, regenerate: args.regenerate });
  process.env.DATABASE_URL = data.url;
  await ensureBuild(args.build);

  const port = num("port");
  const secret = randomBytes(32).toString("hex");
  const logDir = path.join("bench", "results");
  fs.mkdirSync(logDir, { recursive: true });
  const mail = await startMailCapture(port + 1, port + 2, path.join(logDir, "mail.log.tmp"));
  process.env.SMTP_URL = `smtp://127.0.0.1:${port + 1}`;
  const portal = await startPortal({
    port,
    databaseUrl: data.url,
    secret,
    smtpPort: port + 1,
    logFile: path.join(logDir, "server.log.tmp"),
  });
  const pool = new pg.Pool({ connectionString: data.url, max: 4 });
  const rss = new RssSampler(portal.child.pid as number);
  rss.start();
  const cpu = new CpuMeter(() => rss.processes(), pool, args.database);
  const rows: Row[] = [];
  let ctx: BenchContext | null = null;
  try {
    ctx = await buildContext(pool, data.url);
    await openSessions(ctx, secret);
    console.log(
      `\nPlus gros bénéficiaire : ${ctx.largestBeneficiary.name} (${ctx.largestBeneficiary.orders} commandes) ; ` +
        `plus grosse commande : ${ctx.largestOrder.number} (${ctx.largestOrder.reportRows} lignes de CRA)`,
    );
    console.log("\nPlanchers SQL…");
    const floors = await measureFloors(ctx);
    console.log(
      `\nPages (${num("connections")} connexions, ${num("duration")} s après ${num("warmup")} s de chauffe)…`,
    );
    for (const s of HTTP_SCENARIOS) {
      if (!wanted(s.id)) continue;
      const row = await measureHttp(s, ctx, `http://127.0.0.1:${port}`, rss, cpu, floors);
      console.log(
        `  ${s.id.padEnd(18)} ${row.status === "ok" ? `p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms` : `${row.status} ${row.detail ?? ""}`}`,
      );
      rows.push(row);
    }
    if (!args["no-write"]) {
      console.log("\nÉcritures (in-process)…");
      const writes: InProcessScenario[] = [
        saveGridScenario({ passes: 3, concurrency: num("connections") }),
        issueOrdersScenario({ rounds: num("issue-rounds"), concurrency: num("issue-concurrency") }),
      ];
      for (const s of writes) {
        if (!wanted(s.id)) continue;
        const row = await measureInProcess(s, ctx);
        console.log(
          `  ${s.id.padEnd(18)} ${row.status === "ok" ? `p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms` : `${row.status} ${row.detail ?? ""}`}`,
        );
        rows.push(row);
      }
      await settleNotifications();
    }
    rows.push(...floors.values());
  } finally {
    rss.stop();
    if (ctx) await closeSessions(ctx).catch(() => {});
    await pool.end();
    await closeDb();
    await portal.stop();
    await mail.stop();
  }

  const peak = mb(rss.peakBytes);
  printTable(rows, peak);
  const result = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "",
      memoryMB: mb(os.totalmem()),
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      node: process.version,
    },
    settings: {
      scale,
      connections: num("connections"),
      durationSeconds: num("duration"),
      warmupSeconds: num("warmup"),
      floorRuns: num("floor-runs"),
      floorSeconds: num("floor-seconds"),
      slowPageRequests: SLOW_PAGE_REQUESTS,
      issueConcurrency: num("issue-concurrency"),
      issueRounds: num("issue-rounds"),
      dataSet: JSON.parse(data.marker || "{}"),
      generatedThisRun: data.generated,
    },
    peakRssMB: peak,
    rows,
  };
  const stamp = started.toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = path.join(logDir, `bench-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(logDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Résultats : ${file} (et bench/results/latest.json)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
