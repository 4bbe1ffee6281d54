import "server-only";
import { TZDate } from "@date-fns/tz";
import type { Prisma, Role } from "@/generated/prisma/client";
import { type Actor, assertCan } from "@/lib/auth/actor";
import { PARIS } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { validation } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { type AuditFilters, auditFiltersSchema } from "./schemas";

export type AuditEventDto = {
  id: string;
  occurredAt: Date;
  actorEmail: string | null;
  actorRole: Role | null;
  actorOrgName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  requestId: string | null;
};

/** Midnight in Paris of an ISO calendar date, as an instant. */
function parisMidnight(iso: string, addDays = 0): Date {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return new Date(new TZDate(y, m - 1, d + addDays, PARIS).getTime());
}

/** The audit trail, newest first, 20 per page (DINUM only: "audit:read"). */
export async function listAuditEvents({
  actor,
  page = 1,
  filters = {},
  pageSize,
}: {
  actor: Actor;
  page?: number;
  filters?: Partial<Record<keyof AuditFilters, string | undefined>>;
  /** Default: the list's page size (exports ask for everything at once). */
  pageSize?: number;
}): Promise<Page<AuditEventDto>> {
  assertCan(actor, "audit:read");
  const parsed = auditFiltersSchema.safeParse(filters);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    throw validation(parsed.error.issues[0]?.message ?? "Les filtres sont invalides.", fieldErrors);
  }
  const f = parsed.data;
  const where: Prisma.AuditEventWhereInput = {
    ...(f.action ? { action: f.action } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.actorEmail ? { actorEmail: { contains: f.actorEmail, mode: "insensitive" } } : {}),
    ...(f.from || f.to
      ? {
          occurredAt: {
            ...(f.from ? { gte: parisMidnight(f.from) } : {}),
            // "to" is a whole day in Paris: up to the next midnight, excluded.
            ...(f.to ? { lt: parisMidnight(f.to, 1) } : {}),
          },
        }
      : {}),
  };
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        occurredAt: true,
        actorEmail: true,
        actorRole: true,
        actorOrgName: true,
        action: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
        requestId: true,
      },
      ...skipTake(page, pageSize),
    }),
    db.auditEvent.count({ where }),
  ]);
  return toPage(
    rows.map((r) => ({ ...r, id: r.id.toString() })),
    total,
    page,
    pageSize,
  );
}

/** The distinct action codes and entity types recorded so far, for the filter selects. */
export async function listAuditFilterOptions({
  actor,
}: {
  actor: Actor;
}): Promise<{ actions: string[]; entityTypes: string[] }> {
  assertCan(actor, "audit:read");
  const db = await getDb();
  const [actions, entityTypes] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: entityTypes.map((e) => e.entityType) };
}
