"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { startProductPhaseAction } from "@/lib/products/actions";
import { PHASE_LABELS, PHASES } from "@/lib/products/rules";

export function StartPhaseForm({
  productId,
  minStartsOn,
  currentLabel,
}: {
  productId: string;
  /** The day after the latest phase started, if any. */
  minStartsOn?: string;
  currentLabel?: string;
}) {
  const { state, pending, formProps } = useFormAction(startProductPhaseAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="productId" value={productId} />
      <Select
        label="Nouvelle phase"
        hint="Durées habituelles (CCTP) : investigation 6 à 9 semaines, construction 12 mois, accélération 12 mois."
        nativeSelectProps={{ name: "phase", defaultValue: "", required: true }}
        {...fieldState(state, "phase")}
      >
        <option value="" disabled>
          Choisissez une phase
        </option>
        {PHASES.map((p) => (
          <option key={p} value={p}>
            {PHASE_LABELS[p]}
          </option>
        ))}
      </Select>
      <Input
        label="Date de début"
        hintText={
          currentLabel
            ? `La phase « ${currentLabel} » sera close la veille de cette date.`
            : "Format attendu : JJ/MM/AAAA."
        }
        nativeInputProps={{ name: "startsOn", type: "date", required: true, min: minStartsOn }}
        {...fieldState(state, "startsOn")}
      />
      <Input
        label="Commentaire (facultatif)"
        hintText="Par exemple : décision du comité d'investissement du 12 mars."
        textArea
        nativeTextAreaProps={{ name: "comment", rows: 2, maxLength: 1000 }}
        {...fieldState(state, "comment")}
      />
      <SubmitButton pending={pending}>Démarrer la nouvelle phase</SubmitButton>
    </form>
  );
}
