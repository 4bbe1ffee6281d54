// User text with line breaks cannot forge a log line: each event is exactly one JSON line,
// whatever its fields carry.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "./logger";

let out: string;
beforeEach(() => {
  out = "";
  const capture = (s: string | Uint8Array) => {
    out += String(s);
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

/** The lines a log shipper would read (it splits on \n, \r, and sometimes U+2028/U+2029). */
const linesOf = (s: string) => s.split(/\r\n|\r|\n|\u2028|\u2029/).filter((l) => l !== "");

const FORGED =
  '\n{"time":"2026-01-01T00:00:00.000Z","level":"info","event":"auth.sign_in","email":"admin@x"}\n';

describe("structured logs", () => {
  it("keeps user text with line breaks inside one JSON line", () => {
    const hostile = `Bon de commande${FORGED}\r{"level":"error"}\u2028{"level":"warn"}\u2029fin`;
    logger.info("order.note", { note: hostile, nested: { lines: [hostile] } });
    const lines = linesOf(out);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: "info", event: "order.note", note: hostile });
    expect(entry.nested.lines[0]).toBe(hostile);
  });

  it("keeps an error's message and stack inside the line too", () => {
    const error = new Error(`Échec pour « x »${FORGED}`);
    logger.error("action.failed", { requestId: "req-1", error });
    const lines = linesOf(out);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: "error", requestId: "req-1", error: { message: error.message } });
    expect(entry.error.stack).toContain("logger.test.ts");
  });

  it("never lets a field replace the line's own level or event", () => {
    logger.warn("login.failed", { level: "info", event: "login.ok", time: "forged" });
    const entry = JSON.parse(linesOf(out)[0] as string);
    expect(entry).toMatchObject({ level: "warn", event: "login.failed", field_level: "info" });
    expect(entry.time).not.toBe("forged");
  });

  it("never throws, even on a field it cannot serialize", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => logger.info("weird", { cycle, amount: 12n })).not.toThrow();
    expect(JSON.parse(linesOf(out)[0] as string)).toMatchObject({ event: "weird", unserializable: true });
  });
});
