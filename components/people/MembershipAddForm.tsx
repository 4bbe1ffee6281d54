"use client";
// Adds a membership: the role decides which organisations can be chosen (beneficiaries for a
// beneficiary correspondent, contractors for a contractor correspondent; DINUM is implied).
// The server checks the pairing again from the database.
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import type { RoleName } from "@/lib/auth/permissions";
import { addMembershipAction } from "@/lib/people/actions";

type Option = { id: string; name: string; acronym: string | null };

const ROLE_OPTIONS: Array<{ value: RoleName; label: string }> = [
  { value: "BENEFICIARY", label: "Correspondant d'un bénéficiaire" },
  { value: "CONTRACTOR", label: "Correspondant d'un titulaire" },
  { value: "DINUM", label: "Agent de la DINUM (service centralisateur)" },
];

export function MembershipAddForm({
  userId,
  beneficiaries,
  contractors,
  dinumName,
}: {
  userId: string;
  beneficiaries: Option[];
  contractors: Option[];
  dinumName: string | null;
}) {
  const { state, pending, formProps } = useFormAction(addMembershipAction);
  const [role, setRole] = useState<RoleName>("BENEFICIARY");
  const options = role === "CONTRACTOR" ? contractors : beneficiaries;
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="userId" value={userId} />
      <Select
        label="Rôle"
        nativeSelectProps={{
          name: "role",
          value: role,
          onChange: (e) => setRole(e.target.value as RoleName),
          required: true,
        }}
        {...fieldState(state, "role")}
      >
        {ROLE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      {role === "DINUM" ? (
        <p>
          Organisation : <strong>{dinumName ?? "DINUM"}</strong> (une habilitation DINUM est toujours
          rattachée à la DINUM).
        </p>
      ) : (
        <Select
          // A new element per role, so the previous choice does not carry over.
          key={role}
          label={role === "CONTRACTOR" ? "Titulaire" : "Bénéficiaire"}
          hint="Seules les organisations actives sont proposées."
          nativeSelectProps={{ name: "organisationId", defaultValue: "", required: true }}
          {...fieldState(state, "organisationId")}
        >
          <option value="" disabled>
            Choisissez une organisation
          </option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.acronym ? `${o.name} (${o.acronym})` : o.name}
            </option>
          ))}
        </Select>
      )}
      <SubmitButton pending={pending}>Ajouter l'habilitation</SubmitButton>
    </form>
  );
}
