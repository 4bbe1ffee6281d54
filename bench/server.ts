// The bench's environment: a PostgreSQL server (scripts/pg-server.sh unless one is given),
// the data set (generated once per scale and kept: the database carries a marker comment),
// the production build, the local mail capture and `next start`.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { GENERATOR_DEFAULTS } from "@/scripts/data-generator/generate";

const log = (line: string) => console.log(`· ${line}`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} ${args.join(" ")} : code ${code}`)),
    );
  });
}

function runVisible(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} : code ${code}`)),
    );
  });
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The admin URL of the server to use: the one given, or a local throwaway one started here
 * (`stop` then stops it at the end of the run; its data directory is kept, so the generated
 * data set is reused by the next run).
 */
export async function ensurePostgres(opts: {
  adminUrl?: string;
  dir: string;
  port: number;
}): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (opts.adminUrl) return { adminUrl: opts.adminUrl, stop: async () => {} };
  log(`PostgreSQL local (scripts/pg-server.sh, ${opts.dir}, port ${opts.port})`);
  const adminUrl = await run("bash", ["scripts/pg-server.sh", "start", opts.dir, String(opts.port)]);
  return {
    adminUrl,
    stop: async () => {
      await run("bash", ["scripts/pg-server.sh", "stop", opts.dir]);
    },
  };
}

export type DataSetInfo = { url: string; generated: boolean; marker: string };

/**
 * The bench database, generated at this scale unless it already holds exactly that data set
 * (same generator parameters, recorded in the database's comment). Pending migrations (new
 * indexes) are applied either way.
 */
export async function ensureDataSet(opts: {
  adminUrl: string;
  database: string;
  scale: number;
  regenerate: boolean;
}): Promise<DataSetInfo> {
  const expected = JSON.stringify({
    generator: {
      scale: opts.scale,
      seed: GENERATOR_DEFAULTS.seed,
      today: GENERATOR_DEFAULTS.today,
      years: GENERATOR_DEFAULTS.years,
    },
  });
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  let marker = "";
  try {
    const { rows } = await admin.query(
      `SELECT shobj_description(d.oid, 'pg_database') AS marker FROM pg_database d WHERE d.datname = $1`,
      [opts.database],
    );
    const exists = rows.length > 0;
    marker = (rows[0]?.marker as string | null) ?? "";
    if (exists && marker === expected && !opts.regenerate) {
      const url = withDatabase(opts.adminUrl, opts.database);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const applied = await applyMigrations(db).finally(() => db.end());
      log(
        `Jeu de données déjà chargé (échelle ${opts.scale})${applied.length ? `, migrations appliquées : ${applied.join(", ")}` : ""}`,
      );
      if (applied.length) {
        const v = new pg.Client({ connectionString: url });
        await v.connect();
        await v.query("VACUUM (ANALYZE)").finally(() => v.end());
      }
      return { url, generated: false, marker };
    }
    if (exists) await admin.query(`DROP DATABASE "${opts.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(opts.adminUrl, opts.database);
  log(`Génération du jeu de données (échelle ${opts.scale}) dans ${opts.database}…`);
  await runVisible("npx", ["tsx", "scripts/data-generator/cli.ts", "--scale", String(opts.scale)], {
    ...process.env,
    DATABASE_URL: url,
  });
  return { url, generated: true, marker: expected };
}

/** Builds the production bundle when there is none (or when asked). */
export async function ensureBuild(force: boolean): Promise<void> {
  if (!force && fs.existsSync(path.join(".next", "BUILD_ID"))) {
    log("Construction de production existante (.next) : --build pour la refaire");
    return;
  }
  log("Construction de production (npm run build)…");
  await runVisible("npm", ["run", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

export type Started = { child: ChildProcess; stop: () => Promise<void> };

/** Starts a long-running process in its own process group (stopped with the whole group). */
function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Started {
  const out = fs.openSync(logFile, "w");
  const child = spawn(cmd, args, { env, stdio: ["ignore", out, out], detached: true });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        resolve();
      }, 5_000).unref();
    });
  return { child, stop };
}

async function waitFor(url: string, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} n'a pas démarré (${url})`);
}

export async function startMailCapture(smtpPort: number, httpPort: number, logFile: string) {
  const started = startProcess(
    process.execPath,
    ["scripts/mail-capture.mjs"],
    { ...process.env, MAIL_CAPTURE_SMTP_PORT: String(smtpPort), MAIL_CAPTURE_HTTP_PORT: String(httpPort) },
    logFile,
  );
  await waitFor(`http://127.0.0.1:${httpPort}/api/messages`, 30_000, "La capture des courriels");
  return started;
}

/** `next start` in production mode against the bench database. */
export async function startPortal(opts: {
  port: number;
  databaseUrl: string;
  secret: string;
  smtpPort: number;
  logFile: string;
}): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
    NEXTAUTH_SECRET: opts.secret,
    // Required in production; never contacted: the bench's sessions are opened directly.
    OIDC_ISSUER: "http://127.0.0.1:9/oidc",
    OIDC_CLIENT_ID: "bench",
    OIDC_CLIENT_SECRET: "bench",
    SMTP_URL: `smtp://127.0.0.1:${opts.smtpPort}`,
    // The load tool asks for thousands of PDFs a minute as one person from one address: the
    // limits would answer 429 (they still count every request, as in production).
    RATE_LIMIT_EXPORT_PER_USER: "100000",
    RATE_LIMIT_EXPORT_PER_IP: "100000",
    RATE_LIMIT_PDF_PER_USER: "100000",
    RATE_LIMIT_PDF_PER_IP: "100000",
  };
  const started = startProcess(
    path.join("node_modules", ".bin", "next"),
    ["start", "-p", String(opts.port), "-H", "127.0.0.1"],
    env,
    opts.logFile,
  );
  await waitFor(`http://127.0.0.1:${opts.port}/api/health`, 120_000, "Le portail");
  return started;
}
