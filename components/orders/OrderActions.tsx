"use client";
// What the caller may do with an order, and only that (the `can` flags of getOrder; every
// action re-checks on the server). The component stays mounted when the page re-renders
// after an action, so a form that disappears (the order was issued, cancelled,
// acknowledged) still has its success message announced here.
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type ReactNode, useEffect, useRef } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import {
  acknowledgeOrderAction,
  cancelOrderAction,
  closeOrderAction,
  completeOrderAction,
  issueOrderAction,
  recordObservationAction,
} from "@/lib/orders/actions";

export type OrderActionFlags = {
  issue: boolean;
  cancel: boolean;
  acknowledge: boolean;
  observe: boolean;
  complete: boolean;
  close: boolean;
};

export function OrderActions({
  id,
  version,
  can,
  organisationName,
  signatoryName,
  children,
}: {
  id: string;
  version: number;
  can: OrderActionFlags;
  /** The ordering organisation, named in the signature confirmation. */
  organisationName: string;
  /** Prefill of the signatory: the signed-in person. */
  signatoryName: string;
  /** Further forms of the caller (the corrective-order form). */
  children?: ReactNode;
}) {
  const issue = useFormAction(issueOrderAction);
  const cancel = useFormAction(cancelOrderAction);
  const acknowledge = useFormAction(acknowledgeOrderAction);
  const observe = useFormAction(recordObservationAction);
  const complete = useFormAction(completeOrderAction);
  const close = useFormAction(closeOrderAction);
  const observeForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (observe.state.status === "success") observeForm.current?.reset();
  }, [observe.state]);

  // Successes of forms that are gone now that the order changed status.
  const done = [
    !can.issue && issue.state,
    !can.cancel && cancel.state,
    !can.acknowledge && acknowledge.state,
    !can.complete && complete.state,
    !can.close && close.state,
  ].filter((s) => s && s.status === "success");
  const nothing =
    !can.issue && !can.cancel && !can.acknowledge && !can.observe && !can.complete && !can.close && !children;
  if (nothing && done.length === 0) return null;

  return (
    <section aria-labelledby="actions" className="fr-mt-4w">
      <h2 id="actions" className="fr-h4">
        Actions
      </h2>
      {done.map((s) => s && <FormFeedback key={s.status + s.message} state={s} />)}
      {nothing && <p>Aucune autre action n'est possible sur ce bon de commande.</p>}

      {can.issue && (
        <section aria-labelledby="emettre" className="fr-mb-4w">
          <h3 id="emettre" className="fr-h5">
            Émettre et signer le bon de commande
          </h3>
          <p className="fr-text--sm">
            L'émission fige les prix unitaires en vigueur aujourd'hui, engage le montant sur l'accord-cadre et
            attribue un numéro. Le titulaire est prévenu par courriel. Le bon de commande ne pourra plus être
            modifié.
          </p>
          <form {...issue.formProps}>
            <FormFeedback state={issue.state} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="version" value={version} />
            <Input
              label="Numéro d'engagement juridique (EJ) Chorus"
              hintText="10 chiffres, par exemple 1300012345."
              nativeInputProps={{
                name: "legalCommitmentNumber",
                inputMode: "numeric",
                autoComplete: "off",
                required: true,
                maxLength: 14,
              }}
              {...fieldState(issue.state, "legalCommitmentNumber")}
            />
            <Input
              label="Nom du signataire"
              hintText="Prénom et nom de la personne qui signe au nom de l'organisation."
              nativeInputProps={{
                name: "signatoryName",
                autoComplete: "name",
                required: true,
                maxLength: 200,
                defaultValue: signatoryName,
              }}
              {...fieldState(issue.state, "signatoryName")}
            />
            <Checkbox
              options={[
                {
                  label: `Je confirme signer ce bon de commande au nom de ${organisationName}`,
                  nativeInputProps: { name: "confirm", value: "on", required: true },
                },
              ]}
              {...fieldState(issue.state, "confirm")}
            />
            <SubmitButton pending={issue.pending} iconId="fr-icon-send-plane-line">
              Émettre le bon de commande
            </SubmitButton>
          </form>
        </section>
      )}

      {can.acknowledge && (
        <section aria-labelledby="accuser" className="fr-mb-4w">
          <h3 id="accuser" className="fr-h5">
            Accuser réception
          </h3>
          <form {...acknowledge.formProps}>
            <FormFeedback state={acknowledge.state} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="version" value={version} />
            <p className="fr-text--sm">
              En accusant réception, votre société confirme avoir reçu ce bon de commande. Le bénéficiaire en
              est informé.
            </p>
            <SubmitButton pending={acknowledge.pending} iconId="fr-icon-check-line">
              Accuser réception du bon de commande
            </SubmitButton>
          </form>
        </section>
      )}

      {can.observe && (
        <section aria-labelledby="observer" className="fr-mb-4w">
          <h3 id="observer" className="fr-h5">
            Ajouter une observation
          </h3>
          <form {...observe.formProps} ref={observeForm}>
            <FormFeedback state={observe.state} />
            <input type="hidden" name="id" value={id} />
            <Input
              label="Observation pour le bénéficiaire"
              hintText="2 000 caractères au plus. Elle est ajoutée aux observations du bon de commande, avec votre nom et la date."
              textArea
              nativeTextAreaProps={{ name: "text", rows: 4, required: true, maxLength: 2000 }}
              {...fieldState(observe.state, "text")}
            />
            <SubmitButton pending={observe.pending} priority="secondary">
              Enregistrer l'observation
            </SubmitButton>
          </form>
        </section>
      )}

      {children}

      {can.complete && (
        <section aria-labelledby="terminer" className="fr-mb-4w">
          <h3 id="terminer" className="fr-h5">
            Terminer le bon de commande
          </h3>
          <form {...complete.formProps}>
            <FormFeedback state={complete.state} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="version" value={version} />
            <p className="fr-text--sm">
              Déclarez la commande terminée quand la période est achevée ou que tous les jours sont consommés.
              Le titulaire en est informé. Vous pourrez ensuite la clôturer.
            </p>
            <Checkbox
              options={[
                {
                  label: "Je confirme que les travaux de ce bon de commande sont terminés",
                  nativeInputProps: { name: "confirm", value: "on", required: true },
                },
              ]}
              {...fieldState(complete.state, "confirm")}
            />
            <SubmitButton pending={complete.pending} priority="secondary" iconId="fr-icon-check-line">
              Terminer
            </SubmitButton>
          </form>
        </section>
      )}

      {can.close && (
        <section aria-labelledby="cloturer" className="fr-mb-4w">
          <h3 id="cloturer" className="fr-h5">
            Clôturer le bon de commande
          </h3>
          <form {...close.formProps}>
            <FormFeedback state={close.state} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="version" value={version} />
            <p className="fr-text--sm">
              La clôture est définitive : seul le montant consommé reste engagé, le reste est libéré sur
              l'accord-cadre. Le titulaire en est informé.
            </p>
            <Checkbox
              options={[
                {
                  label: "Je confirme clôturer ce bon de commande et libérer le montant non consommé",
                  nativeInputProps: { name: "confirm", value: "on", required: true },
                },
              ]}
              {...fieldState(close.state, "confirm")}
            />
            <SubmitButton pending={close.pending} priority="secondary" iconId="fr-icon-lock-line">
              Clôturer
            </SubmitButton>
          </form>
        </section>
      )}

      {can.cancel && (
        <section aria-labelledby="annuler" className="fr-mb-4w">
          <h3 id="annuler" className="fr-h5">
            Annuler le bon de commande
          </h3>
          <form {...cancel.formProps}>
            <FormFeedback state={cancel.state} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="version" value={version} />
            <Input
              label="Motif de l'annulation"
              hintText="Entre 5 et 1 000 caractères. S'il a été émis, le titulaire le lira."
              textArea
              nativeTextAreaProps={{ name: "reason", rows: 3, required: true, minLength: 5, maxLength: 1000 }}
              {...fieldState(cancel.state, "reason")}
            />
            <SubmitButton pending={cancel.pending} priority="secondary" iconId="fr-icon-close-line">
              Annuler le bon de commande
            </SubmitButton>
          </form>
        </section>
      )}
    </section>
  );
}
