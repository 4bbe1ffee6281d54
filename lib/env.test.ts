import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeEnvIssues, parseEnv } from "./env";

const production = {
  NODE_ENV: "production",
  NEXTAUTH_URL: "https://commandes.beta.gouv.fr",
  NEXTAUTH_SECRET: "x".repeat(40),
  OIDC_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2",
  OIDC_CLIENT_ID: "client",
  OIDC_CLIENT_SECRET: "secret",
  SMTP_URL: "smtp://relais.exemple.gouv.fr:587",
};

describe("server settings", () => {
  it("accepts a complete production configuration", () => {
    expect(describeEnvIssues(production)).toEqual([]);
    expect(parseEnv(production).SESSION_MAX_AGE_HOURS).toBe(12);
  });

  it("names each missing or invalid required setting in production", () => {
    const issues = describeEnvIssues({ ...production, NEXTAUTH_SECRET: "court", OIDC_CLIENT_ID: undefined });
    expect(issues.join("\n")).toMatch(/NEXTAUTH_SECRET doit faire au moins 32 caractères/);
    expect(issues.join("\n")).toMatch(/OIDC_CLIENT_ID est obligatoire/);
  });

  it("refuses a session longer than 12 hours and a non-PostgreSQL database URL", () => {
    expect(describeEnvIssues({ ...production, SESSION_MAX_AGE_HOURS: "24" }).join()).toMatch(
      /SESSION_MAX_AGE_HOURS/,
    );
    expect(describeEnvIssues({ ...production, DATABASE_URL: "mysql://x" }).join()).toMatch(/DATABASE_URL/);
  });

  it("keeps technical access logs 12 months by default, a whole number of months from 1 to 120", () => {
    expect(parseEnv(production).ACCESS_LOG_RETENTION_MONTHS).toBe(12);
    expect(parseEnv({ ...production, ACCESS_LOG_RETENTION_MONTHS: "6" }).ACCESS_LOG_RETENTION_MONTHS).toBe(6);
    for (const bad of ["0", "1.5", "121", "douze"]) {
      expect(describeEnvIssues({ ...production, ACCESS_LOG_RETENTION_MONTHS: bad }).join()).toMatch(
        /ACCESS_LOG_RETENTION_MONTHS/,
      );
    }
  });

  it("requires a mail relay in production, as an smtp:// or smtps:// URL", () => {
    expect(describeEnvIssues({ ...production, SMTP_URL: undefined }).join()).toMatch(
      /SMTP_URL est obligatoire/,
    );
    expect(describeEnvIssues({ ...production, SMTP_URL: "relais:25" }).join()).toMatch(/SMTP_URL doit être/);
    expect(describeEnvIssues({ NODE_ENV: "development" })).toEqual([]);
  });

  it("requires https in production outside the loopback, so session cookies are Secure", () => {
    expect(
      describeEnvIssues({ ...production, NEXTAUTH_URL: "http://commandes.beta.gouv.fr" }).join(),
    ).toMatch(/NEXTAUTH_URL doit être une adresse https en production/);
    // The demo and the browser tests run a production build on the loopback, over http.
    for (const url of ["http://localhost:3100", "http://127.0.0.1:3000"]) {
      expect(describeEnvIssues({ ...production, NEXTAUTH_URL: url })).toEqual([]);
    }
    expect(describeEnvIssues({ NODE_ENV: "development", NEXTAUTH_URL: "http://portail.local" })).toEqual([]);
  });

  it("trusts X-Forwarded-For only when told a proxy is in front", () => {
    expect(parseEnv(production).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...production, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(describeEnvIssues({ ...production, TRUST_PROXY: "oui" }).join()).toMatch(/TRUST_PROXY/);
  });

  it("treats an empty variable as unset (embedded database)", () => {
    expect(parseEnv({ ...production, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("stops `npm start` before the server starts when a setting is missing", () => {
    const root = path.resolve(__dirname, "..");
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/check-env.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        NEXTAUTH_URL: "https://commandes.beta.gouv.fr",
      },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NEXTAUTH_SECRET est obligatoire/);
    expect(r.stderr).toMatch(/OIDC_ISSUER est obligatoire/);
  });
});
