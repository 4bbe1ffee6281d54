// The order PDF download (app/(espace)/commandes/[id]/pdf/route.ts) never serves a partial
// file: a renderer that fails mid-document, or returns a truncated document, gives a French
// text page with the request id, and the log line carries that id. A whole PDF is sent
// with its exact Content-Length.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseOrderPdfData } from "./pdf-data";

const mocks = vi.hoisted(() => ({
  getActor: vi.fn(),
  getOrderPdfData: vi.fn(),
  truncate: false,
}));
vi.mock("@/lib/auth/session", () => ({ getActor: mocks.getActor }));
vi.mock("@/lib/orders/queries", () => ({ getOrderPdfData: mocks.getOrderPdfData }));
vi.mock("@/lib/orders/pdf", async (importOriginal) => {
  const real = await importOriginal<typeof import("./pdf")>();
  return {
    renderPurchaseOrderPdf: async (data: PurchaseOrderPdfData) => {
      const pdf = await real.renderPurchaseOrderPdf(data);
      // A renderer that stopped half-way but still resolved (a stream cut short).
      return mocks.truncate ? pdf.subarray(0, Math.floor(pdf.length / 2)) : pdf;
    },
  };
});

const { GET } = await import("@/app/(espace)/commandes/[id]/pdf/route");
const { AppError } = await import("@/lib/errors");

const REQUEST_ID = "0d6c1f5e-7d3a-4a52-9a5e-2f1b5c9e8a11";

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

const call = () =>
  GET(new Request("http://localhost/commandes/x/pdf", { headers: { "x-request-id": REQUEST_ID } }), {
    params: Promise.resolve({ id: "x" }),
  });

let logged: string[];
beforeEach(() => {
  logged = [];
  mocks.truncate = false;
  mocks.getActor.mockResolvedValue({ userId: "u1", requestId: REQUEST_ID });
  mocks.getOrderPdfData.mockResolvedValue(order());
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
  const line = logged.map((l) => JSON.parse(l)).find((l) => l.event.startsWith("order_pdf.failed"));
  expect(line).toMatchObject({ requestId: REQUEST_ID });
  return text;
}

describe("order PDF download", () => {
  it("sends a whole PDF with its exact length", async () => {
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="BDC-2026-0042.pdf"');
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
    mocks.getOrderPdfData.mockResolvedValue(data);
    expect(await expectNoPdf(await call(), 500)).toMatch(/n'a pas pu être produit/);
  });

  it("does not send a document the renderer cut short", async () => {
    mocks.truncate = true;
    await expectNoPdf(await call(), 500);
  });

  it("answers 503 'réessayez' when the database cannot be reached", async () => {
    mocks.getOrderPdfData.mockRejectedValue(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
        code: "ECONNREFUSED",
        syscall: "connect",
        errno: -111,
      }),
    );
    expect(await expectNoPdf(await call(), 503)).toMatch(/momentanément indisponible.*Réessayez/);
  });

  it("still answers 404 for an order out of reach", async () => {
    mocks.getOrderPdfData.mockRejectedValue(new AppError("NOT_FOUND", "x"));
    const res = await call();
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/introuvable/);
  });
});
