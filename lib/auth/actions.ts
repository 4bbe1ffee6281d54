"use server";
import { formAction } from "@/lib/actions";
import { ROLE_LABELS } from "./actor";
import { switchMembership } from "./mutations";
import { switchMembershipSchema } from "./schemas";

export const switchMembershipAction = formAction(switchMembershipSchema, async (actor, { membershipId }) => {
  const { membership } = await switchMembership({ actor, membershipId });
  return {
    message: `Vous agissez maintenant pour ${membership.organisationName} (${ROLE_LABELS[membership.role]}).`,
    redirectTo: "/espace",
    revalidate: ["/espace"],
  };
});
