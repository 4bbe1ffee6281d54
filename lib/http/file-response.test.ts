// A generated file is sent only whole (lib/http/file-response.ts), with the real PDF
// renderers: a renderer that fails mid-document, or a document cut short, gives a French
// text page with the request id — also in the JSON log line — and never a byte of PDF; a
// database that cannot be reached gives a 503 "réessayez". Both PDF routes (order and
// service fait) are checked to go through it, behind the shared download handler (sign-in,
// rate limit, audited refusal: tests/integration/authorization.test.ts runs them for real).
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderPurchaseOrderPdf } from "@/lib/orders/pdf";
import type { PurchaseOrderPdfData } from "@/lib/orders/pdf-data";
import { fileResponse, isCompletePdf } from "./file-response";

const REQUEST_ID = "0d6c1f5e-7d3a-4a52-9a5e-2f1b5c9e8a11";
const EVENT = "order_pdf.failed";

function order(): PurchaseOrderPdfData {
  return {
    number: "BDC-2026-0042",
    correctsNumber: null,
    orderDate: "2026-11-24",
    agreement: { reference: "21_BAM_048", title: "Accord-cadre beta.gouv" },
    beneficiary: {
      name: "DINUM",
      siret: "13002526500013",
      chorusServiceCode: "DINUM0001",
      billingAddress: "20 avenue de Ségur\n75007 Paris",
    },
    contractor: {
      name: "Cœur Numérique SAS",
      siret: "41816609600069",
      postalAddress: "12 rue X\n69002 Lyon",
    },
    product: { name: "Démarches Simplifiées" },
    period: { startsOn: "2026-12-01", endsOn: "2027-05-31" },
    lines: Array.from({ length: 3 }, (_, i) => ({
      label: `Devops – Confirmé ${i}`,
      quantity: "1",
      days: "20",
      unitPriceHtCents: 1_000_000,
      amountHtCents: 1_000_000n,
      deliverables: "Le service en production.",
    })),
    totals: { htCents: 3_000_000n, vatRateBp: 2000, vatCents: 600_000n, ttcCents: 3_600_000n },
    legalCommitmentNumber: "1300012345",
    signatory: { name: "Jeanne Martin", signedAt: "2026-11-24" },
  };
}

const send = (produce: () => Promise<Uint8Array>) =>
  fileResponse(produce, {
    contentType: "application/pdf",
    fileName: "BDC-2026-0042.pdf",
    requestId: REQUEST_ID,
    event: EVENT,
    isComplete: isCompletePdf,
  });

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => logged.push(String(s)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((s) => logged.push(String(s)) > 0);
});
afterEach(() => vi.restoreAllMocks());

async function expectNoPdf(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(res.headers.get("content-disposition")).toBeNull();
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.includes("%PDF")).toBe(false);
  const text = body.toString("utf8");
  expect(text).toContain(REQUEST_ID);
  expect(text).not.toMatch(/at .*\.ts|Error:/); // no stack trace
  const line = logged.map((l) => JSON.parse(l)).find((l) => l.event.startsWith(EVENT));
  expect(line).toMatchObject({ requestId: REQUEST_ID });
  return text;
}

describe("a generated PDF is sent only whole", () => {
  it("sends a whole PDF with its exact length", async () => {
    const res = await send(() => renderPurchaseOrderPdf(order()));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="BDC-2026-0042.pdf"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(body.subarray(-8).toString("latin1")).toMatch(/%%EOF\s*$/);
  });

  it("answers a French 500 with the request id, no PDF bytes, when rendering fails mid-document", async () => {
    const data = order();
    // A broken amount makes the renderer throw in the middle of the lines table, after
    // the first page's content has been produced.
    (data.lines[2] as { amountHtCents: unknown }).amountHtCents = Number.NaN;
    expect(await expectNoPdf(await send(() => renderPurchaseOrderPdf(data)), 500)).toMatch(
      /n'a pas pu être produit/,
    );
  });

  it("does not send a document cut short", async () => {
    const whole = await renderPurchaseOrderPdf(order());
    await expectNoPdf(await send(async () => whole.subarray(0, Math.floor(whole.length / 2))), 500);
  });

  it("answers 503 'réessayez' when the database cannot be reached", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      syscall: "connect",
      errno: -111,
    });
    expect(
      await expectNoPdf(
        await send(async () => {
          throw refused;
        }),
        503,
      ),
    ).toMatch(/momentanément indisponible.*Réessayez/);
  });

  it.each([
    "app/(espace)/commandes/[id]/pdf/route.ts",
    "app/(espace)/commandes/[id]/service-fait/[sfId]/pdf/route.ts",
  ])("%s goes through the download handler and sends only a whole PDF", (file) => {
    const source = readFileSync(file, "utf8");
    expect(source).toMatch(/return handleDownload\(/);
    expect(source).toMatch(/fileResponse\(\(\) => render\w+Pdf\(data\)/);
    expect(source).toMatch(/isComplete: isCompletePdf/);
    expect(source).toMatch(/limit: "pdf"/);
  });
});
