"use client";
// Record a risk on a product, or update it (the company that recorded it). The product is
// chosen among those the company has received an order for; the company is never a field.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { createRiskAction, updateRiskAction } from "@/lib/risks/actions";
import {
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  RISK_LEVELS,
  RISK_STATUS_LABELS,
  RISK_STATUSES,
  type RiskLevelName,
  type RiskStatusName,
} from "@/lib/risks/rules";

export type RiskFormValues = {
  id: string;
  version: number;
  title: string;
  description: string;
  likelihood: RiskLevelName;
  impact: RiskLevelName;
  mitigation: string;
  owner: string;
  status: RiskStatusName;
};

function LevelSelect({
  name,
  label,
  hint,
  labels,
  defaultValue,
  state,
}: {
  name: "likelihood" | "impact";
  label: string;
  hint: string;
  labels: Record<RiskLevelName, string>;
  defaultValue?: RiskLevelName;
  state: Parameters<typeof fieldState>[0];
}) {
  return (
    <Select
      label={label}
      hint={hint}
      nativeSelectProps={{ name, defaultValue: defaultValue ?? "", required: true }}
      {...fieldState(state, name)}
    >
      <option value="" disabled>
        Choisissez
      </option>
      {RISK_LEVELS.map((l, i) => (
        <option key={l} value={l}>
          {`${labels[l]} (${i + 1})`}
        </option>
      ))}
    </Select>
  );
}

export function RiskForm({
  values,
  products,
  defaultProductId,
}: {
  /** Absent: a new risk. */
  values?: RiskFormValues;
  /** New risk: the products the company may record risks on. */
  products?: Array<{ id: string; name: string }>;
  defaultProductId?: string;
}) {
  const { state, pending, formProps } = useFormAction(values ? updateRiskAction : createRiskAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      {values ? (
        <>
          <input type="hidden" name="id" value={values.id} />
          <input type="hidden" name="version" value={values.version} />
        </>
      ) : (
        <Select
          label="Produit concerné"
          hint="Les produits pour lesquels votre société a reçu un bon de commande."
          nativeSelectProps={{ name: "productId", defaultValue: defaultProductId ?? "", required: true }}
          {...fieldState(state, "productId")}
        >
          <option value="" disabled>
            Choisissez un produit
          </option>
          {(products ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      )}
      <Input
        label="Intitulé du risque"
        hintText="Une phrase courte, par exemple « Départ du développeur principal »."
        nativeInputProps={{ name: "title", defaultValue: values?.title, required: true, maxLength: 200 }}
        {...fieldState(state, "title")}
      />
      <Input
        label="Description (facultatif)"
        hintText="Ce qui pourrait arriver, et ce que cela changerait pour le produit."
        textArea
        nativeTextAreaProps={{ name: "description", defaultValue: values?.description, rows: 4 }}
        {...fieldState(state, "description")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <LevelSelect
            name="likelihood"
            label="Probabilité"
            hint="Les chances que le risque se réalise."
            labels={LIKELIHOOD_LABELS}
            defaultValue={values?.likelihood}
            state={state}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <LevelSelect
            name="impact"
            label="Impact"
            hint="La gravité des conséquences s'il se réalise."
            labels={IMPACT_LABELS}
            defaultValue={values?.impact}
            state={state}
          />
        </div>
      </div>
      <p className="fr-text--sm">
        La gravité du risque est le produit de la probabilité et de l'impact, chacun noté de 1 à 4 : de 1
        (faible) à 16 (critique).
      </p>
      <Input
        label="Mesures prévues (facultatif)"
        hintText="Ce qui est fait pour éviter le risque ou en limiter les effets."
        textArea
        nativeTextAreaProps={{ name: "mitigation", defaultValue: values?.mitigation, rows: 4 }}
        {...fieldState(state, "mitigation")}
      />
      <Input
        label="Responsable (facultatif)"
        hintText="La personne ou l'équipe qui suit ce risque, par exemple « Responsable de l'équipe »."
        nativeInputProps={{ name: "owner", defaultValue: values?.owner, maxLength: 200 }}
        {...fieldState(state, "owner")}
      />
      {values && (
        <RadioButtons
          legend="Statut"
          orientation="horizontal"
          options={RISK_STATUSES.map((s) => ({
            label: RISK_STATUS_LABELS[s],
            nativeInputProps: { name: "status", value: s, defaultChecked: values.status === s },
          }))}
          {...fieldState(state, "status")}
        />
      )}
      <SubmitButton pending={pending}>{values ? "Enregistrer le risque" : "Signaler le risque"}</SubmitButton>
    </form>
  );
}
