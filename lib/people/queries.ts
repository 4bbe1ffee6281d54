import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, assertCan } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";

export type MembershipDto = {
  id: string;
  role: RoleName;
  organisationId: string;
  organisationKind: "beneficiary" | "contractor";
  organisationName: string;
  organisationActive: boolean;
  active: boolean;
  version: number;
  createdAt: Date;
};

export type UserRowDto = {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  memberships: Pick<MembershipDto, "id" | "role" | "organisationName" | "active">[];
};

export type UserDto = {
  id: string;
  email: string;
  givenName: string;
  usualName: string;
  displayName: string;
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  version: number;
  memberships: MembershipDto[];
};

const membershipSelect = {
  id: true,
  role: true,
  active: true,
  version: true,
  createdAt: true,
  beneficiary: { select: { id: true, name: true, active: true } },
  contractor: { select: { id: true, name: true, active: true } },
} as const;

type MembershipRow = {
  id: string;
  role: RoleName;
  active: boolean;
  version: number;
  createdAt: Date;
  beneficiary: { id: string; name: string; active: boolean } | null;
  contractor: { id: string; name: string; active: boolean } | null;
};

function toMembership(m: MembershipRow): MembershipDto {
  const org = m.contractor ?? m.beneficiary;
  return {
    id: m.id,
    role: m.role,
    organisationId: org?.id ?? "",
    organisationKind: m.contractor ? "contractor" : "beneficiary",
    organisationName: org?.name ?? "",
    organisationActive: org?.active ?? false,
    active: m.active,
    version: m.version,
    createdAt: m.createdAt,
  };
}

export async function listUsers({
  actor,
  page = 1,
  q,
  role,
  organisation,
  pageSize,
}: {
  actor: Actor;
  page?: number;
  /** Default: the list's page size (exports ask for everything at once). */
  pageSize?: number;
  q?: string;
  role?: RoleName;
  /** Id of a beneficiary or a contractor: people with an active membership there. */
  organisation?: string;
}): Promise<Page<UserRowDto>> {
  assertCan(actor, "people:manage");
  const text = (q ?? "").trim().slice(0, 100);
  const membershipFilter: Prisma.MembershipWhereInput = { active: true };
  if (role) membershipFilter.role = role;
  if (organisation) {
    // An id that is not a UUID matches nobody, rather than reaching the UUID column.
    if (!isUuid(organisation)) return toPage([], 0, page, pageSize);
    membershipFilter.OR = [{ beneficiaryId: organisation }, { contractorId: organisation }];
  }
  const where: Prisma.UserWhereInput = {
    ...(text
      ? {
          OR: [
            { email: { contains: text, mode: "insensitive" } },
            { givenName: { contains: text, mode: "insensitive" } },
            { usualName: { contains: text, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(role || organisation ? { memberships: { some: membershipFilter } } : {}),
  };
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ usualName: "asc" }, { givenName: "asc" }, { id: "asc" }],
      select: {
        id: true,
        email: true,
        givenName: true,
        usualName: true,
        active: true,
        memberships: { select: membershipSelect, orderBy: [{ active: "desc" }, { createdAt: "asc" }] },
      },
      ...skipTake(page, pageSize),
    }),
    db.user.count({ where }),
  ]);
  const items = rows.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: `${u.givenName} ${u.usualName}`.trim(),
    active: u.active,
    memberships: u.memberships.map(toMembership).map(({ id, role, organisationName, active }) => ({
      id,
      role,
      organisationName,
      active,
    })),
  }));
  return toPage(items, total, page, pageSize);
}

export async function getUser({ actor, id }: { actor: Actor; id: string }): Promise<UserDto> {
  assertCan(actor, "people:manage");
  if (!isUuid(id)) throw notFound("Cette personne");
  const db = await getDb();
  const u = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      givenName: true,
      usualName: true,
      active: true,
      lastSignInAt: true,
      createdAt: true,
      version: true,
      memberships: { select: membershipSelect, orderBy: [{ active: "desc" }, { createdAt: "asc" }] },
    },
  });
  if (!u) throw notFound("Cette personne");
  return {
    ...u,
    displayName: `${u.givenName} ${u.usualName}`.trim(),
    memberships: u.memberships.map(toMembership),
  };
}
