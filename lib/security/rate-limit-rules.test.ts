import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { limitsFor, rateLimitMessage, retryAfterSeconds, windowStartOf } from "./rate-limit-rules";

describe("rate-limit rules", () => {
  it("cuts time into fixed one-minute windows and says how long is left", () => {
    const now = new Date("2026-03-02T10:15:42.300Z");
    const start = windowStartOf(now);
    expect(start.toISOString()).toBe("2026-03-02T10:15:00.000Z");
    expect(retryAfterSeconds(now, start)).toBe(18);
    expect(retryAfterSeconds(new Date("2026-03-02T10:15:59.999Z"), start)).toBe(1);
    expect(retryAfterSeconds(new Date("2026-03-02T10:16:30.000Z"), start)).toBe(1);
  });

  it("has sensible defaults, each configurable", () => {
    const env = parseEnv({});
    expect(limitsFor("signin", env)).toEqual({ perUser: 10, perIp: 30 });
    expect(limitsFor("export", env)).toEqual({ perUser: 10, perIp: 60 });
    expect(limitsFor("pdf", env)).toEqual({ perUser: 60, perIp: 300 });
    expect(limitsFor("pdf", parseEnv({ RATE_LIMIT_PDF_PER_USER: "5" })).perUser).toBe(5);
    expect(() => parseEnv({ RATE_LIMIT_EXPORT_PER_USER: "0" })).toThrow(/RATE_LIMIT_EXPORT_PER_USER/);
  });

  it("answers in French with the wait", () => {
    expect(rateLimitMessage("export", 42)).toBe(
      "Trop d'exports demandés en peu de temps. Par sécurité, patientez 42 secondes puis réessayez.",
    );
    expect(rateLimitMessage("signin", 1)).toMatch(
      /^Trop de tentatives de connexion.*patientez 1 seconde puis/,
    );
    expect(rateLimitMessage("pdf", 3)).toMatch(/^Trop de documents PDF/);
  });
});
