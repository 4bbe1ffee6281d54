import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, organisationKey } from "@/lib/auth/actor";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy: BigInt → string, Date → ISO string. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/**
 * Appends one audit event. Always call it with the transaction client of the mutation it
 * records, so the event exists if and only if the change does.
 */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor | null,
  input: AuditInput,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      actorRole: actor?.membership.role ?? null,
      actorOrgId: actor ? organisationKey(actor.membership) : null,
      actorOrgName: actor?.membership.organisationName ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: actor?.requestId ?? null,
    },
  });
}
