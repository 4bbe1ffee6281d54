"use client";
// DINUM's decision on a proposed version: validate it, or refuse it with a reason.
// Both forms live in one component that the page always renders: once a decision is
// recorded the page re-renders without the forms (nothing is left to decide), and this
// component, still mounted, keeps announcing the outcome instead of vanishing with them.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import {
  rejectPriceScheduleVersionAction,
  validatePriceScheduleVersionAction,
} from "@/lib/price-schedules/actions";

export function VersionDecision({
  id,
  number,
  canDecide,
}: {
  id: string;
  number: number;
  canDecide: boolean;
}) {
  const validate = useFormAction(validatePriceScheduleVersionAction);
  const reject = useFormAction(rejectPriceScheduleVersionAction);
  const decided = [validate.state, reject.state].find((s) => s.status === "success");
  if (decided) {
    return (
      <div className="fr-mt-4w">
        <FormFeedback state={decided} />
      </div>
    );
  }
  if (!canDecide) return null;
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mt-4w">
      <section className="fr-col-12 fr-col-md-6" aria-labelledby="valider">
        <h2 id="valider" className="fr-h4">
          Valider cette version
        </h2>
        <form {...validate.formProps}>
          <FormFeedback state={validate.state} />
          <input type="hidden" name="id" value={id} />
          <p>
            Une fois validée, la version ne peut plus être modifiée : ses prix s'appliqueront aux commandes
            émises à partir de sa date d'effet.
          </p>
          <SubmitButton pending={validate.pending} iconId="fr-icon-check-line">
            Valider la version {number}
          </SubmitButton>
        </form>
      </section>
      <section className="fr-col-12 fr-col-md-6" aria-labelledby="refuser">
        <h2 id="refuser" className="fr-h4">
          Refuser cette version
        </h2>
        <form {...reject.formProps}>
          <FormFeedback state={reject.state} />
          <input type="hidden" name="id" value={id} />
          <Input
            label="Motif du refus"
            hintText="Entre 5 et 1 000 caractères. Le titulaire le lira : dites-lui ce qu'il doit corriger."
            textArea
            nativeTextAreaProps={{ name: "reason", rows: 4, required: true, minLength: 5, maxLength: 1000 }}
            {...fieldState(reject.state, "reason")}
          />
          <SubmitButton pending={reject.pending} priority="secondary" iconId="fr-icon-close-line">
            Refuser la version {number}
          </SubmitButton>
        </form>
      </section>
    </div>
  );
}
