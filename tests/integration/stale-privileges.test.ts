// Stale privileges: rights are read from the database on every request, never from the
// session cookie. A session is opened (a real UserSession row, as at sign-in); the person's
// membership is withdrawn, or the person deactivated, while it is still open; the very next
// download and the very next server action are refused and change nothing.
// Only next-auth's cookie decoding is replaced by "this request carries that session id":
// lib/auth/session.ts resolves the session and the actor as in production.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openSession } from "@/lib/auth/mutations";
import { createTestDb, type TestDb } from "../support/db";
import { makeActor, makeAgreement, makeBeneficiary, makeContractor } from "../support/factories";
import { makeOrder } from "../support/service-fait";

const current = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (current.sid ? { sid: current.sid } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "stale-privileges" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const pdfRoute = await import("@/app/(espace)/commandes/[id]/pdf/route");
const ordersExport = await import("@/app/(espace)/commandes/export/route");
const { updateProductAction } = await import("@/lib/products/actions");

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** A beneficiary agent with an order, signed in (session open). */
async function signedInAgent(db: PrismaClient) {
  const agreement = await makeAgreement(db);
  const ben = await makeBeneficiary(db);
  const con = await makeContractor(db);
  const actor = await makeActor(db, "BENEFICIARY", { beneficiaryId: ben.id });
  const order = await makeOrder(db, {
    agreementId: agreement.id,
    beneficiaryId: ben.id,
    contractorId: con.id,
    createdById: actor.userId,
  });
  const opened = await openSession({ userId: actor.userId, sub: `sub-${actor.userId}`, idToken: null });
  if (!opened.ok) throw new Error(opened.reason);
  current.sid = opened.sid;
  return { actor, order, sid: opened.sid };
}

async function downloadPdf(orderId: string) {
  return pdfRoute.GET(new NextRequest(`http://localhost:3000/commandes/${orderId}/pdf`), {
    params: Promise.resolve({ id: orderId }),
  });
}

async function renameProduct(productId: string, name: string) {
  const { version } = await t.db.product.findUniqueOrThrow({ where: { id: productId } });
  const fd = new FormData();
  for (const [k, v] of Object.entries({
    id: productId,
    version: String(version),
    name,
    kind: "STARTUP_ETAT",
  }))
    fd.append(k, v);
  try {
    return await updateProductAction({ status: "idle" }, fd);
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { status: "redirect", message: digest };
    throw e;
  }
}

describe("privileges withdrawn while a session is open", () => {
  for (const [what, withdraw] of [
    [
      "the membership is deactivated",
      (db: PrismaClient, userId: string) =>
        db.membership.updateMany({ where: { userId }, data: { active: false } }),
    ],
    [
      "the person is deactivated",
      (db: PrismaClient, userId: string) =>
        db.user.update({ where: { id: userId }, data: { active: false } }),
    ],
    [
      "the organisation is deactivated",
      async (db: PrismaClient, userId: string) => {
        const m = await db.membership.findFirstOrThrow({ where: { userId } });
        await db.beneficiary.update({ where: { id: m.beneficiaryId as string }, data: { active: false } });
      },
    ],
  ] as const) {
    it(`${what}: the next download and the next action are refused, nothing changes`, async () => {
      const { actor, order } = await signedInAgent(t.db);
      // While the access holds: the PDF, the list export and the action work.
      const before = await downloadPdf(order.id);
      expect(before.status).toBe(200);
      expect(before.headers.get("Content-Type")).toBe("application/pdf");
      expect((await renameProduct(order.productId, "Nom autorisé")).status).not.toBe("error");

      await withdraw(t.db, actor.userId);

      // Signed in but without any access left: the "accès refusé" page, for every download.
      const pdf = await downloadPdf(order.id);
      expect(pdf.status).toBe(302);
      expect(new URL(pdf.headers.get("location") ?? "").pathname).toBe("/acces-refuse");
      const list = await ordersExport.GET(
        new NextRequest("http://localhost:3000/commandes/export?format=csv"),
      );
      expect(list.status).toBe(302);
      expect(new URL(list.headers.get("location") ?? "").pathname).toBe("/acces-refuse");
      const audit = await t.db.auditEvent.count();
      const refused = await renameProduct(order.productId, "Nom après retrait");
      expect(refused.status).toBe("error");
      const product = await t.db.product.findUniqueOrThrow({ where: { id: order.productId } });
      expect(product.name).toBe("Nom autorisé");
      expect(await t.db.auditEvent.count()).toBe(audit);
    });
  }
});
