"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { updateForecastThresholdAction } from "@/lib/reporting/actions";

/** DINUM sets the warning threshold of the ceiling forecast (percent of the maximum). */
export function ThresholdForm({ threshold, version }: { threshold: string; version: number }) {
  const { state, pending, formProps } = useFormAction(updateForecastThresholdAction);
  return (
    <form {...formProps} aria-labelledby="seuil-alerte-titre" className="fr-mt-3w">
      <h3 id="seuil-alerte-titre" className="fr-h6">
        Seuil d'alerte
      </h3>
      <FormFeedback state={state} />
      <input type="hidden" name="version" value={version} />
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Seuil d'alerte (en % du montant maximum)"
            hintText="Une alerte s'affiche quand la projection l'atteint avant la fin de l'accord-cadre. Par exemple : 80."
            nativeInputProps={{
              name: "threshold",
              defaultValue: threshold,
              required: true,
              inputMode: "decimal",
              autoComplete: "off",
            }}
            {...fieldState(state, "threshold")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-mb-3w">
          <SubmitButton pending={pending}>Enregistrer le seuil</SubmitButton>
        </div>
      </div>
    </form>
  );
}
