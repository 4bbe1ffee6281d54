"use client";
// A contractor's new price-schedule version: one unit price per active UO type, prefilled
// with the prices in force, and the change against them shown line by line as they type.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { centsToInput, formatEuros, parseEurosToCents } from "@/lib/money";
import { proposePriceScheduleVersionAction } from "@/lib/price-schedules/actions";
import { priceFieldName } from "@/lib/price-schedules/schemas";
import { PriceChange } from "./PriceChange";

export type ProposalLine = { id: string; label: string; inForceCents: number | null };

export function ProposeVersionForm({
  lines,
  minEffectiveOn,
  maxEffectiveOn,
}: {
  lines: ProposalLine[];
  minEffectiveOn: string;
  maxEffectiveOn: string;
}) {
  const { state, pending, formProps } = useFormAction(proposePriceScheduleVersionAction);
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(lines.map((l) => [l.id, l.inForceCents === null ? "" : centsToInput(l.inForceCents)])),
  );
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <Input
        label="Date d'effet"
        hintText="La nouvelle version s'appliquera aux commandes émises à partir de cette date, une fois validée par la DINUM. Elle ne peut pas être dans le passé."
        nativeInputProps={{
          name: "effectiveOn",
          type: "date",
          required: true,
          min: minEffectiveOn,
          max: maxEffectiveOn,
        }}
        {...fieldState(state, "effectiveOn")}
      />
      <Input
        label="Commentaire pour la DINUM (facultatif)"
        hintText="Par exemple : révision annuelle selon l'indice Syntec."
        textArea
        nativeTextAreaProps={{ name: "comment", rows: 3, maxLength: 2000 }}
        {...fieldState(state, "comment")}
      />
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Prix unitaires HT proposés, pour une unité d'œuvre (20 jours)</caption>
          <thead>
            <tr>
              <th scope="col">Unité d'œuvre</th>
              <th scope="col">Prix en vigueur</th>
              <th scope="col">Nouveau prix HT, en euros</th>
              <th scope="col">Évolution</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const name = priceFieldName(l.id);
              return (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td>{l.inForceCents === null ? "—" : formatEuros(l.inForceCents)}</td>
                  <td>
                    <Input
                      label={`Nouveau prix HT pour « ${l.label} », en euros`}
                      hideLabel
                      nativeInputProps={{
                        name,
                        value: typed[l.id] ?? "",
                        onChange: (e) => setTyped((t) => ({ ...t, [l.id]: e.target.value })),
                        required: true,
                        inputMode: "decimal",
                        autoComplete: "off",
                      }}
                      {...fieldState(state, name)}
                    />
                  </td>
                  <td>
                    <PriceChange
                      proposedCents={parseEurosToCents(typed[l.id] ?? "")}
                      currentCents={l.inForceCents}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SubmitButton pending={pending}>Envoyer la proposition à la DINUM</SubmitButton>
    </form>
  );
}
