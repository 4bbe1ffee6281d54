// The service-fait PDF download (app/(espace)/commandes/[id]/service-fait/[sfId]/pdf/route.ts)
// never serves a partial file: a renderer that fails mid-document, or returns a truncated
// document, gives a French text page with the request id (and the log line carries that
// id); a database that cannot be reached gives a 503 "réessayez". A whole PDF is sent with
// its exact Content-Length. The route stores nothing: it only reads (getServiceFaitPdfData).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServiceFaitPdfData } from "./pdf-data";

const mocks = vi.hoisted(() => ({
  getActor: vi.fn(),
  getServiceFaitPdfData: vi.fn(),
  truncate: false,
}));
vi.mock("@/lib/auth/session", () => ({ getActor: mocks.getActor }));
vi.mock("@/lib/service-fait/queries", () => ({ getServiceFaitPdfData: mocks.getServiceFaitPdfData }));
vi.mock("@/lib/service-fait/pdf", async (importOriginal) => {
  const real = await importOriginal<typeof import("./pdf")>();
  return {
    renderServiceFaitPdf: async (data: ServiceFaitPdfData) => {
      const pdf = await real.renderServiceFaitPdf(data);
      // A renderer that stopped half-way but still resolved (a stream cut short).
      return mocks.truncate ? pdf.subarray(0, Math.floor(pdf.length / 2)) : pdf;
    },
  };
});

const { GET } = await import("@/app/(espace)/commandes/[id]/service-fait/[sfId]/pdf/route");
const { AppError } = await import("@/lib/errors");

const REQUEST_ID = "5b0d7a8e-1c2f-4e3a-9b6d-7f8e9a0b1c2d";

function record(): ServiceFaitPdfData {
  return {
    number: "SF-2026-0007",
    decidedOn: "2026-11-24",
    agreement: { reference: "21_BAM_048", title: "Réalisation de services publics numériques" },
    order: { number: "BDC-2026-0003", legalCommitmentNumber: "1300012345", orderDate: "2026-02-16" },
    beneficiary: { name: "Ministère du Travail et des Solidarités", siret: "11000045600019" },
    contractor: {
      name: "Coopérative Numérique Ouverte",
      siret: "85123456700010",
      postalAddress: "12 rue X\n69002 Lyon",
    },
    product: { name: "Code du travail numérique" },
    period: { startsOn: "2026-04-01", endsOn: "2026-05-31", label: "avril 2026 à mai 2026" },
    reportMonths: ["2026-04", "2026-05"],
    adjustments: 0,
    decision: "ADMISSION",
    isFinal: false,
    lines: Array.from({ length: 3 }, (_, i) => ({
      label: `Devops – Confirmé ${i}`,
      days: "20",
      unitPriceHtCents: 1_000_000,
      amountHtCents: 1_000_000n,
    })),
    amounts: {
      computedHtCents: 3_000_000n,
      refactionHtCents: 0n,
      certifiedHtCents: 3_000_000n,
      vatRateBp: 2000,
      vatCents: 600_000n,
      certifiedTtcCents: 3_600_000n,
    },
    comment: "",
    summary: {
      orderedHtCents: 10_000_000n,
      certifiedNowHtCents: 3_000_000n,
      certifiedBeforeHtCents: 0n,
      remainingHtCents: 7_000_000n,
    },
    signatory: { name: "Paul Durand", signedAt: "2026-11-24" },
  };
}

const call = () =>
  GET(
    new Request("http://localhost/commandes/o/service-fait/s/pdf", {
      headers: { "x-request-id": REQUEST_ID },
    }),
    { params: Promise.resolve({ id: "o", sfId: "s" }) },
  );

let logged: string[];
beforeEach(() => {
  logged = [];
  mocks.truncate = false;
  mocks.getActor.mockResolvedValue({ userId: "u1", requestId: REQUEST_ID });
  mocks.getServiceFaitPdfData.mockResolvedValue(record());
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
  const line = logged.map((l) => JSON.parse(l)).find((l) => l.event.startsWith("service_fait_pdf.failed"));
  expect(line).toMatchObject({ requestId: REQUEST_ID });
  return text;
}

describe("service-fait PDF download", () => {
  it("sends a whole PDF with its exact length", async () => {
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="service-fait-SF-2026-0007.pdf"',
    );
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(body.subarray(-8).toString("latin1")).toMatch(/%%EOF\s*$/);
  });

  it("answers a French 500 with the request id, no PDF bytes, when rendering fails mid-document", async () => {
    const data = record();
    // A broken amount makes the renderer throw in the lines table, after the heading,
    // parties and decision have been produced.
    (data.lines[2] as { amountHtCents: unknown }).amountHtCents = Number.NaN;
    mocks.getServiceFaitPdfData.mockResolvedValue(data);
    expect(await expectNoPdf(await call(), 500)).toMatch(/n'a pas pu être produit/);
  });

  it("does not send a document the renderer cut short", async () => {
    mocks.truncate = true;
    await expectNoPdf(await call(), 500);
  });

  it("answers 503 'réessayez' when the database cannot be reached", async () => {
    mocks.getServiceFaitPdfData.mockRejectedValue(
      Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" }),
    );
    expect(await expectNoPdf(await call(), 503)).toMatch(/momentanément indisponible.*Réessayez/);
  });

  it("still answers 404 for a record out of reach", async () => {
    mocks.getServiceFaitPdfData.mockRejectedValue(new AppError("NOT_FOUND", "x"));
    const res = await call();
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/introuvable/);
  });
});
