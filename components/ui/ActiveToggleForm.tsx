"use client";
import { FormFeedback } from "./FormFeedback";
import { SubmitButton } from "./SubmitButton";
// One button that activates or deactivates a record loaded at `version` (optimistic lock).
import type { FormActionFn } from "./useFormAction";
import { useFormAction } from "./useFormAction";

export function ActiveToggleForm({
  action,
  id,
  version,
  active,
  activateLabel,
  deactivateLabel,
  explanation,
}: {
  action: FormActionFn;
  id: string;
  version: number;
  active: boolean;
  /** Explicit button texts, e.g. "Réactiver le titulaire Octo". */
  activateLabel: string;
  deactivateLabel: string;
  /** What deactivating means for people, shown above the button. */
  explanation?: string;
}) {
  const { state, pending, formProps } = useFormAction(action);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      {explanation && <p className="fr-text--sm">{explanation}</p>}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton priority="secondary" pending={pending}>
        {active ? deactivateLabel : activateLabel}
      </SubmitButton>
    </form>
  );
}
