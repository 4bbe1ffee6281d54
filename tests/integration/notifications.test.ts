// The e-mail outbox on a real database, delivering to the local SMTP capture of the demo
// (scripts/mail-capture-lib.mjs), started in-process on free ports.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetMailTransportForTests } from "@/lib/mail";
import {
  deliverPendingNotifications,
  enqueueNotifications,
  MAX_ATTEMPTS,
  type NotificationInput,
} from "@/lib/notifications";
import { type MailCapture, startMailCapture } from "@/scripts/mail-capture-lib.mjs";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;
let capture: MailCapture;
const savedSmtpUrl = process.env.SMTP_URL;

function useSmtpUrl(url: string | undefined) {
  if (url === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = url;
  resetEnvCache();
  resetMailTransportForTests();
}

function mail(n: number, overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    toEmail: `personne${n}@exemple.gouv.fr`,
    subject: `Bon de commande n° ${n}`,
    text: `Bonjour,\n\nMessage ${n}.\n`,
    entityType: "PurchaseOrder",
    entityId: `order-${n}`,
    ...overrides,
  };
}

async function enqueue(items: NotificationInput[]) {
  await t.db.$transaction((tx) => enqueueNotifications(tx, items));
}

beforeAll(async () => {
  t = await createTestDb();
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0 });
  useSmtpUrl(`smtp://127.0.0.1:${capture.smtpPort}`);
});
afterAll(async () => {
  await capture?.stop();
  await t?.close();
  useSmtpUrl(savedSmtpUrl);
});
beforeEach(async () => {
  capture.clear();
  await t.db.notification.deleteMany();
});

describe(`e-mail notifications (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("delivers a mail queued by a committed transaction once, in plain text, and marks it sent", async () => {
    await enqueue([mail(1)]);
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 1, failed: 0 });
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 0, failed: 0 });

    const [received, ...others] = capture.messages();
    expect(others).toEqual([]);
    expect(received).toMatchObject({
      from: expect.stringMatching(/^"?Commandes beta\.gouv"? <ne-pas-repondre@commandes\.beta\.gouv\.fr>$/),
      to: ["personne1@exemple.gouv.fr"],
      subject: "Bon de commande n° 1",
      text: "Bonjour,\n\nMessage 1.\n",
    });
    const row = await t.db.notification.findFirstOrThrow();
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("queues nothing when the transaction rolls back", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueNotifications(tx, [mail(1), mail(2)]);
        throw new Error("change refused");
      }),
    ).rejects.toThrow("change refused");
    expect(await t.db.notification.count()).toBe(0);
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 0 });
    expect(capture.messages()).toEqual([]);
  });

  it("queues the same mail to the same person once", async () => {
    await enqueue([mail(1), mail(1, { toEmail: " Personne1@exemple.gouv.fr " }), mail(2)]);
    expect(await t.db.notification.count()).toBe(2);
  });

  it("sends each mail exactly once when deliveries run at the same time", async () => {
    await enqueue(Array.from({ length: 12 }, (_, i) => mail(i)));
    const reports = await Promise.all([
      deliverPendingNotifications(),
      deliverPendingNotifications(),
      deliverPendingNotifications(),
    ]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    const recipients = capture
      .messages()
      .flatMap((m) => m.to)
      .sort();
    expect(recipients).toEqual(Array.from({ length: 12 }, (_, i) => `personne${i}@exemple.gouv.fr`).sort());
    const rows = await t.db.notification.findMany();
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  });

  it("keeps the mails when the relay is down, records the error, and sends them once it is back", async () => {
    await enqueue([mail(1), mail(2)]);
    const port = capture.smtpPort;
    await capture.stop();
    try {
      // The first failure shows the relay is down: the other mail is not even tried.
      expect(await deliverPendingNotifications()).toMatchObject({ sent: 0, failed: 1 });
      const rows = await t.db.notification.findMany({ orderBy: { attempts: "desc" } });
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([
        ["PENDING", 1],
        ["PENDING", 0],
      ]);
      expect(rows[0]?.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(rows[1]?.lastError).toBeNull();
    } finally {
      capture = await startMailCapture({ smtpPort: port, httpPort: 0 });
    }
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 2, failed: 0 });
    const rows = await t.db.notification.findMany({ orderBy: { attempts: "desc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["SENT", 2, null],
      ["SENT", 1, null],
    ]);
    expect(capture.messages()).toHaveLength(2);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts, without holding back the other mails`, async () => {
    // Not a single address: refused before reaching the relay, at every attempt.
    await enqueue([mail(1, { toEmail: "a@exemple.gouv.fr, b@exemple.gouv.fr" }), mail(2)]);
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 1, failed: 1 });
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      expect(await deliverPendingNotifications()).toMatchObject({ sent: 0, failed: 1 });
    }
    expect(await deliverPendingNotifications()).toMatchObject({ sent: 0, failed: 0 });
    const bad = await t.db.notification.findFirstOrThrow({ where: { toEmail: { contains: "," } } });
    expect(bad).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(bad.lastError).toMatch(/Adresse e-mail du destinataire invalide/);
    expect(capture.messages().flatMap((m) => m.to)).toEqual(["personne2@exemple.gouv.fr"]);
  });

  it("keeps a line break in the subject from adding a header or a recipient", async () => {
    await enqueue([mail(1, { subject: "Commande\r\nBcc: espion@exemple.com\r\n\r\n<b>gras</b>" })]);
    await deliverPendingNotifications();
    const [received] = capture.messages();
    expect(received?.to).toEqual(["personne1@exemple.gouv.fr"]);
    expect(received?.subject).toBe("Commande Bcc: espion@exemple.com <b>gras</b>");
    expect(received?.text).toBe("Bonjour,\n\nMessage 1.\n");
  });

  it("shows the captured mails to developers, escaped, and filters them by recipient", async () => {
    // One at a time, so the capture receives them in a known order.
    await enqueue([mail(1, { subject: "<script>alert(1)</script>" })]);
    await deliverPendingNotifications();
    await enqueue([mail(2)]);
    await deliverPendingNotifications();

    const page = await (await fetch(`${capture.url}/`)).text();
    expect(page).toContain("<h1>Courriels capturés</h1>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>");

    const api = `${capture.url}/api/messages`;
    const forOne = await (await fetch(`${api}?to=${encodeURIComponent("PERSONNE2@exemple.gouv.fr")}`)).json();
    expect(forOne).toMatchObject([{ to: ["personne2@exemple.gouv.fr"], subject: "Bon de commande n° 2" }]);
    const all = (await (await fetch(api)).json()) as Array<{ subject: string }>;
    // Newest first.
    expect(all.map((m) => m.subject)).toEqual(["Bon de commande n° 2", "<script>alert(1)</script>"]);
    expect((await fetch(api, { method: "DELETE" })).status).toBe(204);
    expect(await (await fetch(api)).json()).toEqual([]);
  });

  it("in development and tests without SMTP_URL, logs the mail instead of sending it", async () => {
    useSmtpUrl(undefined);
    try {
      await enqueue([mail(1)]);
      expect(await deliverPendingNotifications()).toMatchObject({ sent: 1 });
      expect(capture.messages()).toEqual([]);
    } finally {
      useSmtpUrl(`smtp://127.0.0.1:${capture.smtpPort}`);
    }
  });
});
