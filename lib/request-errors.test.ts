import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logRequestError } from "./request-errors";

let lines: Array<Record<string, unknown>>;
beforeEach(() => {
  lines = [];
  const capture = (s: string | Uint8Array) => lines.push(JSON.parse(String(s))) > 0;
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

const request = (path: string) => ({ path, method: "GET", headers: { "x-request-id": "req-abcdef12" } });
const context = { routePath: "/commandes/[id]", routeType: "render" };

describe("unexpected errors of pages, routes and actions", () => {
  it("log one line joining the reference shown to the user (digest) and the request id", () => {
    const error = Object.assign(new Error("boom"), { digest: "2345678901" });
    logRequestError(error, request("/commandes/42?q=secret%0Aforged"), context);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      event: "request.failed",
      requestId: "req-abcdef12",
      digest: "2345678901",
      path: "/commandes/42",
      route: "/commandes/[id]",
      error: { message: "boom" },
    });
  });

  it("log a database outage as a warning", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    logRequestError(error, request("/"), context);
    expect(lines[0]).toMatchObject({ level: "warn", event: "request.database_unavailable" });
  });
});
