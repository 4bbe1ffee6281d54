// formAction, the wrapper of every server action: what a forged call sends instead of a
// form is refused in French before the mutation runs, and a database that cannot be
// reached gives a retryable French message carrying the request id that the log carries.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ getActor: vi.fn() }));
vi.mock("@/lib/auth/session", () => session);
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "req-1234567890" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn() }));

const { actionErrorState, formAction, formDataToObject, INVALID_FORM_MESSAGE } = await import("./actions");
const { MAX_FORM_FIELDS } = await import("./security/body");

const actor = { userId: "u1", requestId: "req-1234567890" };
const schema = z.strictObject({ title: z.string() });

function form(entries: Array<[string, string]>) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

let logged: string[];
beforeEach(() => {
  logged = [];
  session.getActor.mockResolvedValue(actor);
  vi.spyOn(process.stdout, "write").mockImplementation((s) => logged.push(String(s)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((s) => logged.push(String(s)) > 0);
});
afterEach(() => vi.restoreAllMocks());

describe("formAction refuses what is not a form", () => {
  it.each([
    ["a NUL byte in a value", form([["title", "a\u0000b"]])],
    ["a NUL byte in a name", form([["ti\u0000tle", "ab"]])],
    [
      "a repeated field",
      form([
        ["title", "a"],
        ["title", "b"],
      ]),
    ],
    ["thousands of fields", form(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`a${i}[]`, "1"]))],
    ["a string instead of a form", "title=a" as unknown as FormData],
    ["deeply nested data instead of a form", JSON.parse(`${"[".repeat(500)}${"]".repeat(500)}`)],
    ["nothing", undefined as unknown as FormData],
  ])("%s → French message, nothing runs", async (_label, body) => {
    const handler = vi.fn();
    const state = await formAction(schema, handler)({ status: "idle" }, body);
    expect(state).toEqual({ status: "error", message: INVALID_FORM_MESSAGE, fieldErrors: {} });
    expect(handler).not.toHaveBeenCalled();
  });

  it("keeps lists (name[]) and ignores Next's own fields", () => {
    expect(
      formDataToObject(
        form([
          ["$ACTION_ID_abc", ""],
          ["q[]", "1"],
          ["q[]", "2"],
          ["title", "x"],
        ]),
      ),
    ).toEqual({ q: ["1", "2"], title: "x" });
  });

  it("still runs a proper form", async () => {
    const handler = vi.fn(async () => ({ message: "Enregistré." }));
    const state = await formAction(schema, handler)({ status: "idle" }, form([["title", "Bonjour"]]));
    expect(state).toEqual({ status: "success", message: "Enregistré." });
    expect(handler).toHaveBeenCalledWith(actor, { title: "Bonjour" });
  });
});

describe("a database that cannot be reached", () => {
  // The shapes met on a real PostgreSQL (tests/integration/database-faults.test.ts).
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
    syscall: "connect",
    errno: -111,
  });
  const terminated = Object.assign(new Error("Raw query failed. Code: `57P01`."), {
    name: "PrismaClientKnownRequestError",
    code: "P2010",
    meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01", originalCode: "57P01" } } },
  });
  const lost = new Error("Client has encountered a connection error and is not queryable");
  const unreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
    code: "P1001",
  });

  it.each([
    ["refused", refused],
    ["terminated", terminated],
    ["lost", lost],
    ["unreachable", unreachable],
  ])("during the mutation (%s) → retryable French message with the logged request id", async (_l, error) => {
    const state = await formAction(schema, async () => {
      throw error;
    })({ status: "idle" }, form([["title", "x"]]));
    expect(state.status).toBe("error");
    const message = state.status === "error" ? state.message : "";
    expect(message).toMatch(/momentanément indisponible.*Réessayez/);
    expect(message).toContain("req-1234567890");
    const line = JSON.parse(logged.at(-1) ?? "{}");
    expect(line).toMatchObject({
      level: "warn",
      event: "action.database_unavailable",
      requestId: "req-1234567890",
    });
  });

  it("while reading the session → the same message, not a 500", async () => {
    session.getActor.mockRejectedValue(refused);
    const state = await formAction(schema, vi.fn())({ status: "idle" }, form([["title", "x"]]));
    expect(state).toMatchObject({
      status: "error",
      message: expect.stringMatching(/momentanément indisponible/),
    });
  });

  it("is told apart from expected errors and from other failures", () => {
    expect(actionErrorState(new AppError("CONFLICT", "Déjà émis."), "r")).toEqual({
      status: "error",
      message: "Déjà émis.",
      fieldErrors: {},
    });
    const other = actionErrorState(new TypeError("x is undefined"), "r-42");
    expect(other).toMatchObject({ message: expect.stringMatching(/erreur inattendue.*r-42/) });
    expect(other).not.toMatchObject({ message: expect.stringMatching(/indisponible/) });
    expect(JSON.parse(logged.at(-1) ?? "{}")).toMatchObject({ level: "error", requestId: "r-42" });
  });
});
