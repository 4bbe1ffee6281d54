import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import type { UoFamilyName } from "./rules";

const uoTypeSelect = {
  id: true,
  code: true,
  label: true,
  family: true,
  level: true,
  daysPerUnit: true,
  description: true,
  deliverables: true,
  sortOrder: true,
  active: true,
  version: true,
} as const;

export type UoTypeDto = {
  id: string;
  code: string;
  label: string;
  family: UoFamilyName;
  level: string | null;
  daysPerUnit: number;
  description: string;
  deliverables: string[];
  sortOrder: number;
  active: boolean;
  version: number;
};

export type AgreementDto = {
  id: string;
  reference: string;
  title: string;
  startsOn: Date;
  endsOn: Date;
  maxAmountHtCents: bigint;
  vatRateBp: number;
  version: number;
  uoTypes: UoTypeDto[];
};

/** The framework agreement (there is one) with its UO catalogue, in the CCTP's order. */
export async function getAgreement({ actor }: { actor: Actor }): Promise<AgreementDto> {
  assertCan(actor, "reference:read");
  const db = await getDb();
  const agreement = await db.frameworkAgreement.findFirst({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      reference: true,
      title: true,
      startsOn: true,
      endsOn: true,
      maxAmountHtCents: true,
      vatRateBp: true,
      version: true,
      uoTypes: { select: uoTypeSelect, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] },
    },
  });
  if (!agreement) throw notFound("L'accord-cadre");
  return agreement;
}

/** One UO type, for its edit page. */
export async function getUoType({ actor, id }: { actor: Actor; id: string }): Promise<UoTypeDto> {
  assertCan(actor, "reference:read");
  if (!isUuid(id)) throw notFound("Cette unité d'œuvre");
  const db = await getDb();
  const uo = await db.uoType.findUnique({ where: { id }, select: uoTypeSelect });
  if (!uo) throw notFound("Cette unité d'œuvre");
  return uo;
}
