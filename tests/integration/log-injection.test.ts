// User text with line breaks cannot forge a line of the server's log. A contractor's
// observation and a beneficiary's cancellation reason carry a forged log line after a line
// break ("\n{…}", "\r", U+2028); they go through the real chain — server-side mutation,
// e-mail outbox, delivery — and, with no SMTP relay configured outside production, each
// mail is written to the log (lib/mail: "mail.logged_instead_of_sent"). Every line of the
// log is then one JSON object, the hostile text sits whole inside one of them, and no
// forged event appears (lib/logger.ts escapes line breaks).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetMailTransportForTests } from "@/lib/mail";
import { deliverPendingNotifications } from "@/lib/notifications";
import { cancelOrder, recordObservation } from "@/lib/orders/mutations";
import { cancelOrderSchema, observationSchema } from "@/lib/orders/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";
import { insertOrder } from "../support/orders";

const FORGED_LINE =
  '{"time":"2026-01-01T00:00:00.000Z","level":"info","event":"auth.sign_in","email":"admin@x"}';
const HOSTILE = `Livraison reportée.\n${FORGED_LINE}\r\n{"level":"error","event":"forged.cr"}\u2028{"event":"forged.ls"}`;

/** How a log shipper cuts the stream into lines (some also break on U+2028/U+2029). */
const linesOf = (s: string) => s.split(/\r\n|\r|\n|\u2028|\u2029/).filter((l) => l !== "");

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
const savedSmtpUrl = process.env.SMTP_URL;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  delete process.env.SMTP_URL; // mails are logged instead of sent (NODE_ENV is "test")
  resetEnvCache();
  resetMailTransportForTests();
});
afterAll(async () => {
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
  resetEnvCache();
  resetMailTransportForTests();
  await t?.close();
});

describe(`log injection (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("an observation or a reason with line breaks stays inside one JSON line of the log", async () => {
    const product = await t.db.product.create({
      data: { name: "Produit A", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
    });
    const uoTypeId = cast.agreement.uoTypes[0]?.id as string;
    const order = () =>
      insertOrder(t.db, {
        agreementId: cast.agreement.id,
        beneficiaryId: cast.orgs.benA.id,
        productId: product.id,
        contractorId: cast.orgs.conX.id,
        createdById: cast.beneficiaryA.userId,
        status: "ISSUED",
        // Not counted on the agreement (inserted as data): nothing to release on cancel.
        committedHtCents: 0n,
        lines: [{ uoTypeId, quantity: "1", unitPriceHtCents: 1_000_000, amountHtCents: 1_000_000n }],
      });
    const observed = await order();
    const cancelled = await order();

    let written = "";
    const capture = (s: string | Uint8Array) => {
      written += typeof s === "string" ? s : Buffer.from(s).toString("utf8");
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    try {
      await recordObservation({
        actor: cast.contractorX,
        input: observationSchema.parse({ id: observed.id, text: HOSTILE }),
      });
      const { version } = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: cancelled.id } });
      await cancelOrder({
        actor: cast.beneficiaryA,
        input: cancelOrderSchema.parse({ id: cancelled.id, version: String(version), reason: HOSTILE }),
      });
      // Delivery also starts in the background after each commit: wait until all are out.
      await vi.waitFor(
        async () => {
          await deliverPendingNotifications();
          expect(await t.db.notification.count({ where: { status: { not: "SENT" } } })).toBe(0);
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      vi.restoreAllMocks();
    }

    // The user text went where it was meant to, line breaks and all.
    const stored = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: cancelled.id } });
    expect(stored.cancellationReason).toBe(observationSchema.shape.text.parse(HOSTILE));

    const lines = linesOf(written);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // Each line is one whole event of the portal…
    for (const e of entries) {
      expect(e).toMatchObject({
        time: expect.any(String),
        level: expect.any(String),
        event: expect.any(String),
      });
    }
    // …none of them forged…
    expect(entries.map((e) => e.event)).not.toContain("auth.sign_in");
    expect(entries.map((e) => e.event)).not.toContain("forged.cr");
    expect(entries.map((e) => e.event)).not.toContain("forged.ls");
    // …and the two mails (observation to the beneficiary, cancellation to the contractor)
    // are one line each, their text carrying the forged line as mere content.
    const mails = entries.filter((e) => e.event === "mail.logged_instead_of_sent");
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text).toEqual(expect.stringContaining(FORGED_LINE));
      expect(mail.text).toEqual(expect.stringContaining("\n"));
    }
    expect(mails.map((m) => m.to).sort()).toEqual([cast.beneficiaryA.email, cast.contractorX.email].sort());
  });
});
