"use client";
// The corrective-order form (bon de commande modificatif): each line of the original order
// with its current quantity and consumed days, and a new-quantity field. The server
// computes the signed changes, refuses a quantity below the consumed days or "no change",
// and redirects to the new draft, which is then issued with the usual form.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { createCorrectiveOrderAction } from "@/lib/orders/actions";
import { frDecimal } from "./format";

export type CorrectableLine = {
  id: string;
  label: string;
  /** Current quantity in UO (original + issued corrective changes), exact decimal string. */
  quantity: string;
  consumedDays: string;
};

export function CorrectiveOrderForm({
  originalId,
  creationKey,
  lines,
}: {
  originalId: string;
  /** Drawn by the page for each rendering: a double submit creates one draft. */
  creationKey: string;
  lines: CorrectableLine[];
}) {
  const { state, pending, formProps } = useFormAction(createCorrectiveOrderAction);
  return (
    <section aria-labelledby="modificatif" className="fr-mb-4w">
      <h3 id="modificatif" className="fr-h5">
        Modifier les quantités (bon de commande modificatif)
      </h3>
      <p className="fr-text--sm">
        Indiquez la nouvelle quantité des lignes à modifier ; laissez les autres inchangées. Un brouillon de
        bon de commande modificatif est créé : les changements sont valorisés aux prix unitaires figés de
        cette commande et ne comptent sur l'accord-cadre qu'une fois le modificatif émis et signé. Une
        quantité ne peut pas descendre sous les jours déjà consommés.
      </p>
      <form {...formProps}>
        <FormFeedback state={state} />
        <input type="hidden" name="creationKey" value={creationKey} />
        <input type="hidden" name="originalId" value={originalId} />
        {lines.map((l, i) => (
          <fieldset key={l.id} className="fr-fieldset" aria-labelledby={`modificatif-ligne-${l.id}`}>
            <legend id={`modificatif-ligne-${l.id}`} className="fr-fieldset__legend fr-text--regular">
              Ligne {i + 1} : {l.label}
            </legend>
            <input type="hidden" name="lineId[]" value={l.id} />
            <div className="fr-fieldset__element">
              <Input
                label={`Nouvelle quantité en UO, ligne ${i + 1}`}
                hintText={`Quantité actuelle : ${frDecimal(l.quantity)} UO. Jours déjà consommés : ${frDecimal(l.consumedDays)}. Multiple de 0,05 UO (1 jour).`}
                nativeInputProps={{
                  name: "quantity[]",
                  inputMode: "decimal",
                  autoComplete: "off",
                  defaultValue: frDecimal(l.quantity),
                  maxLength: 8,
                }}
                {...fieldState(state, `quantity.${i}`)}
              />
            </div>
          </fieldset>
        ))}
        <SubmitButton pending={pending} priority="secondary" iconId="fr-icon-edit-line">
          Créer le bon de commande modificatif
        </SubmitButton>
      </form>
    </section>
  );
}
