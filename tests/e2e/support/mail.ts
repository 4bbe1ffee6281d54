// The mails the portal sent during the browser tests, read from the local SMTP capture that
// playwright.config.ts starts (scripts/mail-capture.mjs, ports 1125/1180 so a running demo
// on 1025/1080 does not get in the way).
import type { CapturedMail } from "@/scripts/mail-capture-lib.mjs";

/** Keep in step with playwright.config.ts. */
export const MAIL_CAPTURE_URL = `http://127.0.0.1:${1180 + Number(process.env.E2E_PORT_OFFSET ?? 0)}`;

export type { CapturedMail };

/**
 * Waits for a mail to `to` (and, if given, whose subject matches) and returns the newest
 * one. `since` ignores mails captured before that instant, e.g. by an earlier test with the
 * same subject.
 */
export async function waitForMail(
  { to, subject, since }: { to: string; subject?: RegExp; since?: Date },
  timeoutMs = 15_000,
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  let seen: CapturedMail[] = [];
  for (;;) {
    const res = await fetch(`${MAIL_CAPTURE_URL}/api/messages?to=${encodeURIComponent(to)}`);
    if (!res.ok) throw new Error(`Capture des courriels : HTTP ${res.status}`);
    seen = (await res.json()) as CapturedMail[];
    // Newest first.
    const found = seen.find(
      (m) => (!subject || subject.test(m.subject)) && (!since || new Date(m.date) >= since),
    );
    if (found) return found;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const got = seen.map((m) => `  - ${m.date} ${m.subject}`).join("\n") || "  (aucun)";
  throw new Error(
    `Aucun courriel pour ${to}${subject ? ` dont l'objet correspond à ${subject}` : ""} après ${timeoutMs} ms. Reçus :\n${got}`,
  );
}
