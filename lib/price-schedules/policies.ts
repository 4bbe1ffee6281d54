// Who may do what to which price-schedule version. Pure: the version's contractor and
// status come from the database, never from the browser.
import { type Actor, can } from "@/lib/auth/actor";
import type { PriceScheduleStatusName } from "./rules";

type VersionRef = { contractorId: string; status: PriceScheduleStatusName };

export function isOwnCompany(actor: Actor, contractorId: string): boolean {
  return actor.membership.contractorId !== null && actor.membership.contractorId === contractorId;
}

/** DINUM sees everything; a contractor its own versions; everyone the validated ones. */
export function canReadVersion(actor: Actor, version: VersionRef): boolean {
  return (
    can(actor, "priceSchedule:readAll") ||
    (can(actor, "priceSchedule:readOwn") && isOwnCompany(actor, version.contractorId)) ||
    (can(actor, "priceSchedule:readValidated") && version.status === "VALIDATED")
  );
}

/** A contractor proposes versions of its own company's schedule only. */
export function canProposePrices(actor: Actor): boolean {
  return can(actor, "priceSchedule:propose") && actor.membership.contractorId !== null;
}

/** DINUM decides proposals, never one its own person proposed. */
export function canDecideVersion(
  actor: Actor,
  version: { status: PriceScheduleStatusName; proposedById: string },
): boolean {
  return (
    can(actor, "priceSchedule:decide") &&
    version.status === "PROPOSED" &&
    version.proposedById !== actor.userId
  );
}
