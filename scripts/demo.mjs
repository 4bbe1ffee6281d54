#!/usr/bin/env node
// `npm run demo`: everything a newcomer needs after `npm ci`, in one command.
//  1. prepares the project (Prisma client, DSFR icons) and builds it when the sources changed;
//  2. starts the local OpenID provider (demo accounts, any password) and the local SMTP capture;
//  3. starts the portal in production mode on PORT (default 3000) with the embedded database
//     (.data/pglite), migrated and filled with demo data on first run.
// Ctrl+C stops everything cleanly (the embedded database is closed, never killed mid-write).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const port = Number(process.env.PORT ?? 3000);
const oidcPort = Number(process.env.OIDC_PORT ?? 4000);
const mailSmtpPort = Number(process.env.MAIL_CAPTURE_SMTP_PORT || 1025);
const mailHttpPort = Number(process.env.MAIL_CAPTURE_HTTP_PORT || 1080);
const mailCaptureUrl = `http://127.0.0.1:${mailHttpPort}`;
const portalUrl = `http://localhost:${port}`;
const issuer = `http://127.0.0.1:${oidcPort}`;
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args, label, env = process.env) {
  console.log(`→ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`Échec : ${label}`);
    process.exit(r.status ?? 1);
  }
}

// A stable secret per checkout, so demo sessions survive a restart.
fs.mkdirSync(".data", { recursive: true });
const secretFile = path.join(".data", "demo-secret");
if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"));
const secret = fs.readFileSync(secretFile, "utf8").trim();

/** Hash of the tracked and untracked sources: rebuild only when they changed. */
function sourceStamp() {
  const r = spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" });
  const files = r.status === 0 ? r.stdout.split("\n").filter(Boolean).sort() : [];
  const h = createHash("sha256");
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    const st = fs.statSync(f);
    if (st.isFile()) h.update(`${f}:${st.size}:${st.mtimeMs}\n`);
  }
  return h.digest("hex");
}

run(bin("prisma"), ["generate"], "Génération du client Prisma");
run(bin("react-dsfr"), ["update-icons"], "Préparation des icônes du DSFR");
const stampFile = path.join(".next", "demo-source-stamp");
const stamp = sourceStamp();
// A build made by something else (npm test, npm run build) has no stamp: rebuild to be sure
// the demo runs the current sources.
const builtStamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : null;
if (!fs.existsSync(path.join(".next", "BUILD_ID")) || builtStamp !== stamp) {
  run(bin("next"), ["build"], "Construction du portail (next build)");
  fs.writeFileSync(stampFile, stamp);
} else {
  console.log("→ Construction à jour, rien à reconstruire");
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  NEXTAUTH_URL: portalUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret,
  OIDC_ISSUER: issuer,
  OIDC_LOCAL_ISSUER: issuer,
  OIDC_CLIENT_ID: "portail-local",
  OIDC_CLIENT_SECRET: "portail-local-secret",
  PORTAL_URL: portalUrl,
  DEMO_MODE: "true",
  // The demo never sends real mail: everything goes to the local capture.
  SMTP_URL: `smtp://127.0.0.1:${mailSmtpPort}`,
  MAIL_CAPTURE_SMTP_PORT: String(mailSmtpPort),
  MAIL_CAPTURE_HTTP_PORT: String(mailHttpPort),
};
delete env.DATABASE_URL; // the demo always uses the embedded database

const children = [];
function start(label, cmd, args) {
  // Own process group, so stopping it stops its children too (STACK.md P23).
  const child = spawn(cmd, args, { env, stdio: "inherit", detached: true });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${label} s'est arrêté (${signal ?? code}). Arrêt de la démo.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children.reverse()) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {}
  }
  await sleep(1500);
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

run(process.execPath, ["--import", "tsx", "scripts/check-env.ts"], "Vérification de la configuration", env);
start("Le fournisseur OpenID local", process.execPath, ["oidc/server.mjs"]);
start("La capture des e-mails", process.execPath, ["scripts/mail-capture.mjs"]);
start("Le portail", bin("next"), ["start", "-p", String(port)]);

const t0 = Date.now();
for (;;) {
  try {
    const r = await fetch(`${portalUrl}/api/health`);
    if (r.ok) break;
  } catch {}
  if (Date.now() - t0 > 120_000) {
    console.error("Le portail ne répond pas après 2 minutes.");
    await stop(1);
  }
  await sleep(300);
}
const accounts = JSON.parse(fs.readFileSync("prisma/seed/demo-accounts.json", "utf8")).accounts;
console.log(`
Portail prêt en ${((Date.now() - t0) / 1000).toFixed(1)} s : ${portalUrl}
Connexion : « S'identifier avec ProConnect », puis l'identifiant ci-dessous et n'importe quel mot de passe.
${accounts.map((a) => `  ${a.login.padEnd(16)} ${a.description}`).join("\n")}
E-mails envoyés par le portail (notifications) : ${mailCaptureUrl}
Ctrl+C pour tout arrêter.`);
