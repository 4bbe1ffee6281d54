#!/usr/bin/env node
// Local SMTP capture, standing in for the mail relay in development, the demo and the browser
// tests (never in production): the portal sends to SMTP_URL=smtp://127.0.0.1:1025 and the
// mails are shown on http://127.0.0.1:1080 (JSON: /api/messages, optional ?to=; DELETE clears).
// Settings (environment): MAIL_CAPTURE_SMTP_PORT (default 1025), MAIL_CAPTURE_HTTP_PORT
// (default 1080). Loopback only; the last 500 mails are kept in memory.
import { startMailCapture } from "./mail-capture-lib.mjs";

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} doit être un numéro de port (reçu : ${raw})`);
    process.exit(1);
  }
  return value;
}

const smtpPort = port("MAIL_CAPTURE_SMTP_PORT", 1025);
const httpPort = port("MAIL_CAPTURE_HTTP_PORT", 1080);

let capture;
try {
  capture = await startMailCapture({ smtpPort, httpPort, log: (line) => console.log(line) });
} catch (error) {
  console.error(
    error.code === "EADDRINUSE"
      ? `Le port ${error.port} est déjà utilisé : une autre capture des courriels tourne peut-être déjà.`
      : `La capture des courriels n'a pas pu démarrer : ${error.message}`,
  );
  process.exit(1);
}
console.log(`Capture des courriels : SMTP 127.0.0.1:${capture.smtpPort}, consultation ${capture.url}`);

function stop() {
  capture.stop().then(() => process.exit(0));
  // Do not hang on a stuck connection.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
