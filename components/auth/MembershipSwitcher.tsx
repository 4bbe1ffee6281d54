"use client";
// Lets a person with several memberships choose the one they act in (e.g. a DINUM agent
// who is also a beneficiary correspondent of the DINUM). The server action checks again
// that the chosen membership is theirs and still active.
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useActionState } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { idle } from "@/lib/action-state";
import { switchMembershipAction } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";

export type MembershipOption = {
  id: string;
  role: RoleName;
  organisationName: string;
};

export type MembershipSwitcherProps = {
  memberships: MembershipOption[];
  /** The membership the person acts in now (pre-selected). */
  currentId: string;
};

export function MembershipSwitcher({ memberships, currentId }: MembershipSwitcherProps) {
  const [state, action] = useActionState(switchMembershipAction, idle);
  // With a single membership there is nothing to choose.
  if (memberships.length < 2) return null;
  return (
    <form action={action} noValidate>
      <FormFeedback state={state} />
      <RadioButtons
        legend="Espace"
        hintText="Choisissez pour quelle organisation et dans quel rôle vous agissez."
        name="membershipId"
        options={memberships.map((m) => ({
          label: m.organisationName,
          hintText: ROLE_LABELS[m.role],
          nativeInputProps: {
            value: m.id,
            defaultChecked: m.id === currentId,
            required: true,
          },
        }))}
        {...fieldState(state, "membershipId")}
      />
      <SubmitButton>Changer d'espace</SubmitButton>
    </form>
  );
}
