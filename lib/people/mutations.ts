import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { updateVersioned } from "@/lib/audit/versioned";
import { type Actor, assertCan } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { notFound, staleVersion, validation } from "@/lib/errors";
import { isUuid, z } from "@/lib/validation";
import { isOwnAccount, isOwnDinumMembership } from "./policies";
import { membershipOrganisationProblem, normalizeEmail } from "./rules";
import type { MembershipAddInput, UserInput } from "./schemas";

const EMAIL_TAKEN = "Cette adresse e-mail est déjà utilisée par une autre personne.";

const userAuditSelect = {
  id: true,
  email: true,
  givenName: true,
  usualName: true,
  active: true,
  version: true,
} as const;

const membershipAuditSelect = {
  id: true,
  userId: true,
  role: true,
  beneficiaryId: true,
  contractorId: true,
  active: true,
  version: true,
  user: { select: { email: true } },
  beneficiary: { select: { name: true } },
  contractor: { select: { name: true } },
} as const;

type MembershipAuditRow = Prisma.MembershipGetPayload<{ select: typeof membershipAuditSelect }>;

/** A flat, readable snapshot for the audit trail. */
function membershipSnapshot(m: MembershipAuditRow) {
  return {
    id: m.id,
    userId: m.userId,
    userEmail: m.user.email,
    role: m.role,
    beneficiaryId: m.beneficiaryId,
    contractorId: m.contractorId,
    organisationName: m.beneficiary?.name ?? m.contractor?.name ?? null,
    active: m.active,
    version: m.version,
  };
}

/** The schema checks this already; the check here keeps the rule whoever calls. */
function checkedEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (!z.email().safeParse(email).success) {
    throw validation("L'adresse e-mail n'est pas valide.", { email: ["L'adresse e-mail n'est pas valide."] });
  }
  return email;
}

async function withEmailCheck<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw validation("La personne n'a pas été enregistrée : cette adresse e-mail est déjà utilisée.", {
        email: [EMAIL_TAKEN],
      });
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Users

export async function createUser({
  actor,
  input,
}: {
  actor: Actor;
  input: UserInput;
}): Promise<{ id: string }> {
  assertCan(actor, "people:manage");
  const email = checkedEmail(input.email);
  const db = await getDb();
  return withEmailCheck(() =>
    db.$transaction(async (tx) => {
      const after = await tx.user.create({
        data: { email, givenName: input.givenName, usualName: input.usualName },
        select: userAuditSelect,
      });
      await recordAudit(tx, actor, { action: "user.create", entityType: "User", entityId: after.id, after });
      return { id: after.id };
    }),
  );
}

export async function updateUser({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: UserInput & { version: number };
}): Promise<void> {
  assertCan(actor, "people:manage");
  if (!isUuid(id)) throw notFound("Cette personne");
  const email = checkedEmail(input.email);
  const db = await getDb();
  await withEmailCheck(() =>
    db.$transaction(async (tx) => {
      await updateVersioned(tx, actor, {
        load: () => tx.user.findUnique({ where: { id }, select: userAuditSelect }),
        update: () =>
          tx.user.updateMany({
            where: { id, version: input.version },
            data: {
              email,
              givenName: input.givenName,
              usualName: input.usualName,
              version: { increment: 1 },
            },
          }),
        missing: () => notFound("Cette personne"),
        audit: { action: "user.update", entityType: "User", entityId: id },
      });
    }),
  );
}

/**
 * A deactivated person loses access at their next request: the session reads the user's
 * `active` flag from the database every time (lib/auth/queries.ts).
 */
export async function setUserActive({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: { version: number; active: boolean };
}): Promise<void> {
  assertCan(actor, "people:manage");
  if (!isUuid(id)) throw notFound("Cette personne");
  if (!input.active && isOwnAccount(actor, id)) {
    throw validation(
      "Vous ne pouvez pas désactiver votre propre compte : vous perdriez votre accès. Demandez à un autre agent de la DINUM de le faire.",
    );
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await updateVersioned(tx, actor, {
      load: () => tx.user.findUnique({ where: { id }, select: userAuditSelect }),
      update: () =>
        tx.user.updateMany({
          where: { id, version: input.version },
          data: { active: input.active, version: { increment: 1 } },
        }),
      missing: () => notFound("Cette personne"),
      audit: { action: input.active ? "user.activate" : "user.deactivate", entityType: "User", entityId: id },
    });
  });
}

// ---------------------------------------------------------------------------------------
// Memberships (habilitations)

const DUPLICATE_MEMBERSHIP = "Cette personne a déjà cette habilitation pour cette organisation.";

/**
 * Gives a person a role in an organisation. The organisation is read from the database and
 * must match the role (DINUM: the DINUM organisation, implied). Re-adding a deactivated
 * membership reactivates it, so one person keeps one history per role and organisation.
 */
export async function addMembership({
  actor,
  userId,
  input,
}: {
  actor: Actor;
  userId: string;
  input: MembershipAddInput;
}): Promise<{ id: string }> {
  assertCan(actor, "people:manage");
  if (!isUuid(userId)) throw notFound("Cette personne");
  if (input.organisationId !== null && !isUuid(input.organisationId)) {
    throw validation("Choisissez une organisation existante.", {
      organisationId: ["Choisissez une organisation existante."],
    });
  }
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw notFound("Cette personne");

      let org: { id: string; kind: "beneficiary" | "contractor"; active: boolean; isDinum: boolean } | null =
        null;
      if (input.role === "DINUM") {
        const d = await tx.beneficiary.findFirst({
          where: { isDinum: true },
          select: { id: true, active: true },
        });
        org = d ? { ...d, kind: "beneficiary", isDinum: true } : null;
      } else if (input.organisationId) {
        const b = await tx.beneficiary.findUnique({
          where: { id: input.organisationId },
          select: { id: true, active: true, isDinum: true },
        });
        const c = b
          ? null
          : await tx.contractor.findUnique({
              where: { id: input.organisationId },
              select: { id: true, active: true },
            });
        org = b ? { ...b, kind: "beneficiary" } : c ? { ...c, kind: "contractor", isDinum: false } : null;
      }
      const problem = membershipOrganisationProblem(input.role, org);
      if (problem || !org) {
        const message = problem ?? "Choisissez une organisation existante.";
        throw validation(message, { organisationId: [message] });
      }

      const orgWhere = org.kind === "contractor" ? { contractorId: org.id } : { beneficiaryId: org.id };
      const existing = await tx.membership.findFirst({
        where: { userId, role: input.role, ...orgWhere },
        select: membershipAuditSelect,
      });
      if (existing?.active) throw validation(DUPLICATE_MEMBERSHIP, { role: [DUPLICATE_MEMBERSHIP] });
      if (existing) {
        const { count } = await tx.membership.updateMany({
          where: { id: existing.id, version: existing.version },
          data: { active: true, version: { increment: 1 } },
        });
        if (count === 0) throw staleVersion();
        const after = await tx.membership.findUniqueOrThrow({
          where: { id: existing.id },
          select: membershipAuditSelect,
        });
        await recordAudit(tx, actor, {
          action: "membership.add",
          entityType: "Membership",
          entityId: existing.id,
          before: membershipSnapshot(existing),
          after: membershipSnapshot(after),
        });
        return { id: existing.id };
      }
      const created = await tx.membership.create({
        data: {
          userId,
          role: input.role,
          beneficiaryId: org.kind === "beneficiary" ? org.id : null,
          contractorId: org.kind === "contractor" ? org.id : null,
        },
        select: membershipAuditSelect,
      });
      await recordAudit(tx, actor, {
        action: "membership.add",
        entityType: "Membership",
        entityId: created.id,
        after: membershipSnapshot(created),
      });
      return { id: created.id };
    });
  } catch (e) {
    // Two DINUM agents adding the same membership at once: the unique index decides.
    if (isUniqueViolation(e)) throw validation(DUPLICATE_MEMBERSHIP, { role: [DUPLICATE_MEMBERSHIP] });
    throw e;
  }
}

/**
 * Deactivating a membership removes that access at the person's next request: sessions
 * read active memberships from the database every time (lib/auth/queries.ts).
 */
export async function setMembershipActive({
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: { version: number; active: boolean };
}): Promise<{ userId: string }> {
  assertCan(actor, "people:manage");
  if (!isUuid(id)) throw notFound("Cette habilitation");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({ where: { id }, select: membershipAuditSelect });
    if (!before) throw notFound("Cette habilitation");
    if (!input.active && isOwnDinumMembership(actor, before)) {
      throw validation(
        "Vous ne pouvez pas retirer votre propre habilitation DINUM : vous perdriez votre accès. Demandez à un autre agent de la DINUM de le faire.",
      );
    }
    const { count } = await tx.membership.updateMany({
      where: { id, version: input.version },
      data: { active: input.active, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    const after = await tx.membership.findUniqueOrThrow({ where: { id }, select: membershipAuditSelect });
    await recordAudit(tx, actor, {
      action: input.active ? "membership.reactivate" : "membership.deactivate",
      entityType: "Membership",
      entityId: id,
      before: membershipSnapshot(before),
      after: membershipSnapshot(after),
    });
    return { userId: before.userId };
  });
}
