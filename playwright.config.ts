// Browser tests in Debian's Chromium (`npx playwright install` cannot download browsers here).
// Playwright starts the local OpenID provider, the local SMTP capture (the tests read the
// mails through tests/e2e/support/mail.ts) and the production build of the portal on an
// embedded database created fresh for each run and filled with the demo data.
import { defineConfig } from "@playwright/test";

// E2E_PORT_OFFSET moves every port (and the database directory) so that two copies of the
// project can run their browser tests side by side.
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORT = 3100 + OFFSET;
const OIDC_PORT = 4100 + OFFSET;
// Not the demo's 1025/1080, so tests can run next to a demo. Keep in step with
// tests/e2e/support/mail.ts.
const MAIL_SMTP_PORT = 1125 + OFFSET;
const MAIL_HTTP_PORT = 1180 + OFFSET;
const portalUrl = `http://localhost:${PORT}`;
const issuer = `http://127.0.0.1:${OIDC_PORT}`;

const env = {
  NODE_ENV: "production",
  NEXTAUTH_URL: portalUrl,
  NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
  OIDC_ISSUER: issuer,
  OIDC_LOCAL_ISSUER: issuer,
  OIDC_CLIENT_ID: "portail-local",
  OIDC_CLIENT_SECRET: "portail-local-secret",
  PORTAL_URL: portalUrl,
  PGLITE_DIR: ".data/e2e/pglite",
  DEMO_MODE: "true",
  DATABASE_URL: "",
  SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
  MAIL_CAPTURE_SMTP_PORT: String(MAIL_SMTP_PORT),
  MAIL_CAPTURE_HTTP_PORT: String(MAIL_HTTP_PORT),
  // Every browser test signs in and downloads from the same address, dozens of times a
  // minute: the limits are raised here and proven in tests/integration/rate-limit.test.ts.
  RATE_LIMIT_SIGNIN_PER_IP: "10000",
  RATE_LIMIT_SIGNIN_PER_USER: "10000",
  RATE_LIMIT_EXPORT_PER_USER: "10000",
  RATE_LIMIT_EXPORT_PER_IP: "10000",
  RATE_LIMIT_PDF_PER_USER: "10000",
  RATE_LIMIT_PDF_PER_IP: "10000",
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: portalUrl,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: "node oidc/server.mjs",
      url: `${issuer}/.well-known/openid-configuration`,
      env,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/mail-capture.mjs",
      url: `http://127.0.0.1:${MAIL_HTTP_PORT}/api/messages`,
      env,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A fresh embedded database for every run: migrated and seeded at first request.
      // The server's output (one JSON line per event) is kept in .data/e2e/server.log, which
      // tests read to check what the log carries (tests/e2e/support/server-log.ts).
      command: `rm -rf .data/e2e && mkdir -p .data/e2e && node_modules/.bin/next start -p ${PORT} 2>&1 | tee .data/e2e/server.log`,
      url: `${portalUrl}/api/health`,
      env,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});
