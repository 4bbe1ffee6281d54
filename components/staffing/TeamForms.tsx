"use client";
// The contractor's forms on an order's team page: assign one of its staffers to a line,
// replace the person of an assignment (CCTP §3.4), change an assignment's period. Each
// action re-checks everything on the server (company, order status, profile, period).
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import {
  createAssignmentAction,
  replaceAssignmentAction,
  updateAssignmentAction,
} from "@/lib/staffing/actions";

type Option = { id: string; fullName: string };
type Period = { startsOn: string; endsOn: string };

export function AssignForm({
  orderId,
  line,
  staffers,
  orderPeriod,
  defaultStartsOn,
}: {
  orderId: string;
  line: { id: string; position: number; label: string };
  /** Active staffers of the line's profile. */
  staffers: Option[];
  orderPeriod: Period;
  defaultStartsOn: string;
}) {
  const { state, pending, formProps } = useFormAction(createAssignmentAction);
  const suffix = `(ligne ${line.position} – ${line.label})`;
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="orderLineId" value={line.id} />
      <Select
        label={`Intervenant à affecter ${suffix}`}
        hint={`Vos intervenants actifs de profil « ${line.label} ».`}
        nativeSelectProps={{ name: "stafferId", defaultValue: "", required: true }}
        {...fieldState(state, "stafferId")}
      >
        <option value="" disabled>
          Choisissez un intervenant
        </option>
        {staffers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.fullName}
          </option>
        ))}
      </Select>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={`Début de l'affectation ${suffix}`}
            nativeInputProps={{
              name: "startsOn",
              type: "date",
              defaultValue: defaultStartsOn,
              min: orderPeriod.startsOn,
              max: orderPeriod.endsOn,
              required: true,
            }}
            {...fieldState(state, "startsOn")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={`Fin de l'affectation ${suffix}`}
            nativeInputProps={{
              name: "endsOn",
              type: "date",
              defaultValue: orderPeriod.endsOn,
              min: orderPeriod.startsOn,
              max: orderPeriod.endsOn,
              required: true,
            }}
            {...fieldState(state, "endsOn")}
          />
        </div>
      </div>
      <SubmitButton pending={pending} iconId="fr-icon-user-add-line">
        Affecter à la ligne {line.position}
      </SubmitButton>
    </form>
  );
}

export function ReplaceForm({
  assignment,
  candidates,
  orderPeriod,
}: {
  assignment: { id: string; version: number; stafferName: string } & Period;
  /** Active staffers of the same profile, the replaced person excepted. */
  candidates: Option[];
  orderPeriod: Period;
}) {
  const { state, pending, formProps } = useFormAction(replaceAssignmentAction);
  const who = assignment.stafferName;
  return (
    <form {...formProps}>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--lg">Remplacer {who}</legend>
        <div className="fr-fieldset__content" style={{ width: "100%" }}>
          <FormFeedback state={state} />
          <input type="hidden" name="id" value={assignment.id} />
          <input type="hidden" name="version" value={assignment.version} />
          <p className="fr-text--sm">
            L'affectation de {who} se terminera la veille de l'arrivée de la nouvelle personne. Le
            bénéficiaire est informé du changement par courriel.
          </p>
          <Select
            label={`Nouvel intervenant à la place de ${who}`}
            hint="Un intervenant actif du même profil."
            nativeSelectProps={{ name: "stafferId", defaultValue: "", required: true }}
            {...fieldState(state, "stafferId")}
          >
            <option value="" disabled>
              Choisissez un intervenant
            </option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
              </option>
            ))}
          </Select>
          <Input
            label={`Date d'arrivée en remplacement de ${who}`}
            hintText={`Au plus tôt le lendemain du début de l'affectation, au plus tard le ${assignment.endsOn.split("-").reverse().join("/")}.`}
            nativeInputProps={{
              name: "startsOn",
              type: "date",
              min: assignment.startsOn,
              max: assignment.endsOn,
              required: true,
            }}
            {...fieldState(state, "startsOn")}
          />
          <Input
            label={`Fin de l'affectation du remplaçant de ${who} (facultatif)`}
            hintText="Laissez vide pour reprendre la fin prévue de l'affectation remplacée."
            nativeInputProps={{
              name: "endsOn",
              type: "date",
              min: assignment.startsOn,
              max: orderPeriod.endsOn,
            }}
            {...fieldState(state, "endsOn")}
          />
          <Input
            label={`Jours de montée en compétence (remplacement de ${who})`}
            hintText="Par demi-journée, de 0 à 10, par exemple 1,5. Ces jours sont à la charge du titulaire et ne sont pas facturés (CCTP §3.4) : ils comptent dans les jours de la personne, pas dans la consommation de la commande."
            nativeInputProps={{
              name: "rampUpDays",
              inputMode: "decimal",
              defaultValue: "0",
              autoComplete: "off",
            }}
            {...fieldState(state, "rampUpDays")}
          />
          <SubmitButton pending={pending} iconId="fr-icon-refresh-line">
            Enregistrer le remplacement
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}

export function AssignmentPeriodForm({
  assignment,
  orderPeriod,
  startLocked,
}: {
  assignment: { id: string; version: number; stafferName: string } & Period;
  orderPeriod: Period;
  /** A replacement's start follows the replaced assignment's end: it does not move. */
  startLocked: boolean;
}) {
  const { state, pending, formProps } = useFormAction(updateAssignmentAction);
  const who = assignment.stafferName;
  return (
    <form {...formProps}>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--lg">
          Modifier la période de {who} ou y mettre fin
        </legend>
        <div className="fr-fieldset__content" style={{ width: "100%" }}>
          <FormFeedback state={state} />
          <input type="hidden" name="id" value={assignment.id} />
          <input type="hidden" name="version" value={assignment.version} />
          {startLocked ? (
            <>
              <input type="hidden" name="startsOn" value={assignment.startsOn} />
              <p className="fr-text--sm">
                Arrivée en remplacement le {assignment.startsOn.split("-").reverse().join("/")} : cette date
                ne se modifie pas.
              </p>
            </>
          ) : (
            <Input
              label={`Début de l'affectation de ${who}`}
              nativeInputProps={{
                name: "startsOn",
                type: "date",
                defaultValue: assignment.startsOn,
                min: orderPeriod.startsOn,
                max: orderPeriod.endsOn,
                required: true,
              }}
              {...fieldState(state, "startsOn")}
            />
          )}
          <Input
            label={`Fin de l'affectation de ${who}`}
            hintText="Pour mettre fin à l'affectation, indiquez son dernier jour. Les mois où des jours sont déjà déclarés restent couverts."
            nativeInputProps={{
              name: "endsOn",
              type: "date",
              defaultValue: assignment.endsOn,
              min: orderPeriod.startsOn,
              max: orderPeriod.endsOn,
              required: true,
            }}
            {...fieldState(state, "endsOn")}
          />
          <SubmitButton pending={pending} priority="secondary">
            Enregistrer la période
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}
