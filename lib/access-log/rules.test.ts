import { describe, expect, it } from "vitest";
import { idInPath, ipPrefix, pathOnly, retentionCutoff } from "./rules";

describe("access log rules", () => {
  it("keeps the path and drops the query string and fragment", () => {
    expect(pathOnly("/commandes?q=Jean%20Dupont&page=2")).toBe("/commandes");
    expect(pathOnly("/journal#filtres")).toBe("/journal");
    expect(pathOnly("")).toBe("/");
  });
  it("finds the record id of a path", () => {
    const id = "0b7e6f3c-2f4d-4c1e-9a57-3d2b1c0a9e8f";
    expect(idInPath(`/commandes/${id}/modifier?x=1`)).toBe(id);
    expect(idInPath("/commandes")).toBeUndefined();
  });
  it("truncates addresses to their network", () => {
    expect(ipPrefix("203.0.113.42, 10.0.0.1")).toBe("203.0.113.0");
    expect(ipPrefix("::ffff:198.51.100.7")).toBe("198.51.100.0");
    expect(ipPrefix("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::");
    expect(ipPrefix("2001:db8::1")).toBe("2001:db8:0::");
    expect(ipPrefix("::1")).toBe("0:0:0::");
    expect(ipPrefix("300.1.1.1")).toBeNull();
    expect(ipPrefix("<script>")).toBeNull();
    expect(ipPrefix(null)).toBeNull();
  });
  it("counts the retention period in calendar months", () => {
    expect(retentionCutoff(new Date("2026-11-24T10:00:00Z"), 12).toISOString()).toBe(
      "2025-11-24T10:00:00.000Z",
    );
    expect(retentionCutoff(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe(
      "2026-02-28T10:00:00.000Z",
    );
  });
});
