// Pure: the French plain-text e-mails of the portal's notifications. No I/O and no settings
// read here — the portal's public address comes in as `baseUrl` (NEXTAUTH_URL).
//
// Values may come from users (product names, reasons, observations): they are put on one
// line, so they cannot forge a header (subject) or a line of the mail, such as a fake
// "Voir dans le portail" link. The mail is plain text, so HTML in them stays inert.

export type NotificationFact = { label: string; value: string };

export type NotificationMailInput = {
  subject: string;
  /** One or two sentences saying what happened, e.g. "Le bon de commande BDC-2026-0042 a été émis." */
  summary: string;
  /** The key facts, one bullet each. */
  facts: NotificationFact[];
  /**
   * Free text typed by a user (a reason, an observation), kept with its line breaks but
   * quoted line by line ("> "), so none of its lines passes for a line of the template.
   */
  note?: { label: string; text: string };
  /** Public address of the portal (NEXTAUTH_URL), e.g. "https://commandes.beta.gouv.fr". */
  baseUrl: string;
  /** Page of the portal about the change, e.g. "/commandes/<id>". */
  path: string;
  /** Completes "car vous êtes correspondant …", e.g. "du titulaire Coopérative Numérique Ouverte". */
  recipientRole: string;
};

export type NotificationMail = { subject: string; text: string };

const MAX_SUBJECT = 200;
const MAX_VALUE = 500;
const MAX_NOTE = 4000;

/** Collapses line breaks, tabs and other control characters into single spaces. */
export function oneLine(value: string, max = Number.POSITIVE_INFINITY): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const flat = value.replace(/[\s\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Absolute link to a page of the portal, keeping a path prefix of the base address. */
export function portalLink(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function quote(text: string): string[] {
  const lines = text
    .slice(0, MAX_NOTE)
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => oneLine(line));
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  while (lines.length > 0 && lines[0] === "") lines.shift();
  if (text.length > MAX_NOTE) lines.push("…");
  return lines.map((line) => (line ? `> ${line}` : ">"));
}

export function buildNotificationMail(input: NotificationMailInput): NotificationMail {
  const lines = [
    "Bonjour,",
    "",
    oneLine(input.summary),
    "",
    ...input.facts.map((f) => `- ${oneLine(f.label)} : ${oneLine(f.value, MAX_VALUE) || "—"}`),
    "",
    ...(input.note ? [`${oneLine(input.note.label)} :`, ...quote(input.note.text), ""] : []),
    `Voir dans le portail : ${oneLine(portalLink(input.baseUrl, input.path))}`,
    "",
    "-- ",
    `Ce message vous est envoyé par le portail Commandes beta.gouv, car vous êtes correspondant ${oneLine(
      input.recipientRole,
    )}. Ne répondez pas à ce message.`,
  ];
  return {
    subject: oneLine(input.subject, MAX_SUBJECT),
    text: `${lines.join("\n")}\n`,
  };
}
