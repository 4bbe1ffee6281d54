import { describe, expect, it } from "vitest";
import { auditActionLabel, formatAuditJson } from "./rules";
import { auditFiltersSchema } from "./schemas";

describe("audit rules", () => {
  it("labels known actions in French and shows unknown ones as they are", () => {
    expect(auditActionLabel("membership.deactivate")).toBe("Retrait d'une habilitation");
    expect(auditActionLabel("order.issue.v2")).toBe("order.issue.v2");
  });
  it("indents JSON", () => {
    expect(formatAuditJson(null)).toBeNull();
    expect(formatAuditJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
  it("refuses an inverted period and bad dates", () => {
    expect(
      auditFiltersSchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).error?.issues[0]?.message,
    ).toMatch(/inversée/);
    expect(auditFiltersSchema.safeParse({ from: "2026-02-31" }).success).toBe(false);
    expect(auditFiltersSchema.parse({ from: "2026-01-01", to: "2026-01-01", action: "" })).toEqual({
      from: "2026-01-01",
      to: "2026-01-01",
      action: undefined,
      entityType: undefined,
      entityId: undefined,
      actorEmail: undefined,
    });
  });
});
