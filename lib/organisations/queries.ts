import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, assertCan } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import { searchTerms } from "./rules";

export type OrganisationRowDto = {
  id: string;
  name: string;
  acronym: string | null;
  siret: string;
  active: boolean;
};

export type CorrespondentDto = {
  membershipId: string;
  userId: string;
  displayName: string;
  email: string;
  role: RoleName;
  active: boolean;
  userActive: boolean;
};

export type ContractorDto = OrganisationRowDto & {
  postalAddress: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  correspondents: CorrespondentDto[];
};

export type BeneficiaryDto = ContractorDto & {
  chorusServiceCode: string;
  billingAddress: string;
  isDinum: boolean;
};

const rowSelect = { id: true, name: true, acronym: true, siret: true, active: true } as const;

const correspondentsSelect = {
  orderBy: [{ active: "desc" }, { createdAt: "asc" }],
  select: {
    id: true,
    role: true,
    active: true,
    user: { select: { id: true, email: true, givenName: true, usualName: true, active: true } },
  },
} satisfies Prisma.Contractor$membershipsArgs;

type MembershipRow = {
  id: string;
  role: RoleName;
  active: boolean;
  user: { id: string; email: string; givenName: string; usualName: string; active: boolean };
};

function toCorrespondent(m: MembershipRow): CorrespondentDto {
  return {
    membershipId: m.id,
    userId: m.user.id,
    displayName: `${m.user.givenName} ${m.user.usualName}`.trim(),
    email: m.user.email,
    role: m.role,
    active: m.active,
    userActive: m.user.active,
  };
}

/** Name, acronym or SIRET search shared by both organisation lists. */
function searchWhere(q: string | undefined) {
  const terms = searchTerms(q);
  if (!terms) return {};
  return {
    OR: [
      { name: { contains: terms.text, mode: "insensitive" as const } },
      { acronym: { contains: terms.text, mode: "insensitive" as const } },
      ...(terms.siretDigits ? [{ siret: { contains: terms.siretDigits } }] : []),
    ],
  };
}

export async function listContractors({
  actor,
  page = 1,
  q,
  pageSize,
}: {
  actor: Actor;
  page?: number;
  q?: string;
  /** Default: the list's page size (exports ask for everything at once). */
  pageSize?: number;
}): Promise<Page<OrganisationRowDto>> {
  assertCan(actor, "organisation:manage");
  const db = await getDb();
  const where = searchWhere(q);
  const [items, total] = await Promise.all([
    db.contractor.findMany({
      where,
      select: rowSelect,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...skipTake(page, pageSize),
    }),
    db.contractor.count({ where }),
  ]);
  return toPage(items, total, page, pageSize);
}

export async function getContractor({ actor, id }: { actor: Actor; id: string }): Promise<ContractorDto> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce titulaire");
  const db = await getDb();
  const c = await db.contractor.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      postalAddress: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      memberships: correspondentsSelect,
    },
  });
  if (!c) throw notFound("Ce titulaire");
  const { memberships, ...rest } = c;
  return { ...rest, correspondents: memberships.map(toCorrespondent) };
}

export async function listBeneficiaries({
  actor,
  page = 1,
  q,
  pageSize,
}: {
  actor: Actor;
  page?: number;
  q?: string;
  /** Default: the list's page size (exports ask for everything at once). */
  pageSize?: number;
}): Promise<Page<OrganisationRowDto & { isDinum: boolean }>> {
  assertCan(actor, "organisation:manage");
  const db = await getDb();
  const where = searchWhere(q);
  const [items, total] = await Promise.all([
    db.beneficiary.findMany({
      where,
      select: { ...rowSelect, isDinum: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...skipTake(page, pageSize),
    }),
    db.beneficiary.count({ where }),
  ]);
  return toPage(items, total, page, pageSize);
}

export async function getBeneficiary({ actor, id }: { actor: Actor; id: string }): Promise<BeneficiaryDto> {
  assertCan(actor, "organisation:manage");
  if (!isUuid(id)) throw notFound("Ce bénéficiaire");
  const db = await getDb();
  const b = await db.beneficiary.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      postalAddress: true,
      chorusServiceCode: true,
      billingAddress: true,
      isDinum: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      memberships: correspondentsSelect,
    },
  });
  if (!b) throw notFound("Ce bénéficiaire");
  const { memberships, ...rest } = b;
  return { ...rest, correspondents: memberships.map(toCorrespondent) };
}

export type OrganisationOptionDto = { id: string; name: string; acronym: string | null };

/**
 * The active organisations a membership may point to, for the add-membership form (DINUM,
 * "people:manage"). The DINUM organisation is listed apart: a DINUM membership implies it.
 */
export async function listOrganisationOptions({ actor }: { actor: Actor }): Promise<{
  beneficiaries: OrganisationOptionDto[];
  contractors: OrganisationOptionDto[];
  dinum: OrganisationOptionDto | null;
}> {
  assertCan(actor, "people:manage");
  const db = await getDb();
  const select = { id: true, name: true, acronym: true } as const;
  const [beneficiaries, contractors, dinum] = await Promise.all([
    db.beneficiary.findMany({ where: { active: true }, select, orderBy: { name: "asc" } }),
    db.contractor.findMany({ where: { active: true }, select, orderBy: { name: "asc" } }),
    db.beneficiary.findFirst({ where: { isDinum: true }, select }),
  ]);
  return { beneficiaries, contractors, dinum };
}
