// Sends the portal's e-mails through the SMTP relay of SMTP_URL (in development, the demo and
// the tests: the local capture, scripts/mail-capture.mjs). Plain text only: the subject and
// the body are built by the callers (lib/notifications/templates.ts) and may contain text
// typed by users, which must stay inert — no HTML part, no header can be added through a
// line break.
//
// Without SMTP_URL: in production nothing is sent and the failure is logged (the setting is
// required there, lib/env.ts); in development and tests the mail is logged as JSON instead.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

export type Mail = {
  /** One address. */
  to: string;
  subject: string;
  text: string;
};

/** Line breaks (header injection) and other control characters, for one-line header values. */
export function toHeaderValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** One bare address: no list, no display name, nothing nodemailer would parse as more. */
const SINGLE_ADDRESS = /^[^\s@,;:<>()"\\[\]]+@[^\s@,;:<>()"\\[\]]+$/;

export class MailNotConfiguredError extends Error {
  constructor() {
    super("SMTP_URL n'est pas renseigné : aucun e-mail ne peut être envoyé.");
    this.name = "MailNotConfiguredError";
  }
}

let current: { url: string; transport: Transporter<SMTPTransport.SentMessageInfo> } | undefined;

/** Created on first use, never at import time (`next build` must not need a relay). */
function transportFor(url: string) {
  if (current?.url !== url) {
    current?.transport.close();
    const transport = nodemailer.createTransport(
      new SMTPTransport({
        url,
        // Bounded, so a stuck relay delays a delivery by seconds, not minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    );
    current = { url, transport };
  }
  return current.transport;
}

/** Tests only: forget the transport, so the next mail uses the current SMTP_URL. */
export function resetMailTransportForTests() {
  current?.transport.close();
  current = undefined;
}

/** Sends one plain-text mail; rejects when the relay refuses it or cannot be reached. */
export async function sendMail({ to, subject, text }: Mail): Promise<void> {
  const env = serverEnv();
  const address = toHeaderValue(to);
  if (!SINGLE_ADDRESS.test(address)) throw new Error("Adresse e-mail du destinataire invalide.");
  const message = {
    from: toHeaderValue(env.MAIL_FROM),
    to: address,
    subject: toHeaderValue(subject),
    text,
  };
  if (!env.SMTP_URL) {
    if (env.NODE_ENV === "production") {
      const error = new MailNotConfiguredError();
      logger.error("mail.not_configured", { error, subject: message.subject });
      throw error;
    }
    logger.info("mail.logged_instead_of_sent", message);
    return;
  }
  await transportFor(env.SMTP_URL).sendMail({
    ...message,
    // RFC 3834: an automatic message; out-of-office replies should not answer it.
    headers: { "Auto-Submitted": "auto-generated" },
  });
}
