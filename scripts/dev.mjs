#!/usr/bin/env node
// `npm run dev`: the local OpenID provider, the local SMTP capture and `next dev` on the
// embedded database, with the demo accounts. Same settings as the demo, but with hot reload.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const issuer = `http://127.0.0.1:${process.env.OIDC_PORT ?? 4000}`;
const mailSmtpPort = Number(process.env.MAIL_CAPTURE_SMTP_PORT || 1025);
const mailHttpPort = Number(process.env.MAIL_CAPTURE_HTTP_PORT || 1080);
const env = {
  ...process.env,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "dev-secret-not-for-production-0123456789",
  OIDC_ISSUER: issuer,
  OIDC_LOCAL_ISSUER: issuer,
  OIDC_CLIENT_ID: "portail-local",
  OIDC_CLIENT_SECRET: "portail-local-secret",
  PORTAL_URL: `http://localhost:${port}`,
  DEMO_MODE: "true",
  // Mails go to the local capture (scripts/mail-capture.mjs), shown on its web page.
  SMTP_URL: `smtp://127.0.0.1:${mailSmtpPort}`,
  MAIL_CAPTURE_SMTP_PORT: String(mailSmtpPort),
  MAIL_CAPTURE_HTTP_PORT: String(mailHttpPort),
};
const children = [
  spawn(process.execPath, ["oidc/server.mjs"], { cwd: root, env, stdio: "inherit", detached: true }),
  spawn(process.execPath, ["scripts/mail-capture.mjs"], { cwd: root, env, stdio: "inherit", detached: true }),
  spawn(path.join(root, "node_modules/.bin/next"), ["dev", "-p", String(port)], {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
  }),
];
const stop = () => {
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {}
  }
  setTimeout(() => process.exit(0), 1500);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
