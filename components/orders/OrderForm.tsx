"use client";
// Create or edit a draft purchase order. Totals are computed in the browser with the same
// pure rules as the server (integer cents, exact decimals, half-up rounding), from the
// contractor's prices in force today: an estimate, the prices are frozen on issue day.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useId, useRef, useState } from "react";
import { FormFeedback, fieldError, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { formatEuros, formatRate } from "@/lib/money";
import { createOrderDraftAction, updateOrderDraftAction } from "@/lib/orders/actions";
import type { OrderFormOptions } from "@/lib/orders/options";
import { daysOf, lineAmountHtCents, MAX_LINES, orderTotals, parseQuantity } from "@/lib/orders/rules";
import { shortDate } from "./format";

export type OrderFormLine = { uoTypeId: string; quantity: string; deliverables: string };

export type OrderFormValues = {
  productId: string;
  contractorId: string;
  startsOn: string;
  endsOn: string;
  billingAddress: string;
  chorusServiceCode: string;
  lines: OrderFormLine[];
};

type Mode = { kind: "create"; creationKey: string } | { kind: "edit"; id: string; version: number };

type Line = OrderFormLine & { key: number };

export function OrderForm({
  mode,
  options,
  values,
}: {
  mode: Mode;
  options: OrderFormOptions;
  /** Absent: a new order, prefilled with the beneficiary's billing details. */
  values?: OrderFormValues;
}) {
  const { state, pending, formProps } = useFormAction(
    mode.kind === "create" ? createOrderDraftAction : updateOrderDraftAction,
  );
  const nextKey = useRef(1);
  const newLine = (l: OrderFormLine = { uoTypeId: "", quantity: "", deliverables: "" }): Line => ({
    ...l,
    key: nextKey.current++,
  });
  const [lines, setLines] = useState<Line[]>(() =>
    (values?.lines.length ? values.lines : [undefined]).map(newLine),
  );
  const [contractorId, setContractorId] = useState(values?.contractorId ?? "");
  const contractor = options.contractors.find((c) => c.id === contractorId);
  const uoById = new Map(options.uoTypes.map((u) => [u.id, u]));
  const idPrefix = useId();

  function update(key: number, patch: Partial<OrderFormLine>) {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  }

  function chooseUo(line: Line, uoTypeId: string) {
    // Prefill the deliverables from the catalogue, unless the person has written their own.
    const previousDefault = uoById.get(line.uoTypeId)?.deliverables ?? "";
    const untouched = line.deliverables.trim() === "" || line.deliverables === previousDefault;
    update(line.key, {
      uoTypeId,
      ...(untouched ? { deliverables: uoById.get(uoTypeId)?.deliverables ?? "" } : {}),
    });
  }

  // Live amounts, exact: null where the quantity or the price is not known yet.
  const computed = lines.map((l) => {
    const q = parseQuantity(l.quantity);
    const unit = contractor && l.uoTypeId ? (contractor.prices[l.uoTypeId] ?? null) : null;
    const uo = uoById.get(l.uoTypeId);
    return {
      unit,
      days: q.ok && uo ? daysOf(q.value, uo.daysPerUnit).toString().replace(".", ",") : null,
      amount: q.ok && unit !== null ? lineAmountHtCents(unit, q.value) : null,
    };
  });
  const complete = computed.every((c) => c.amount !== null);
  const totals = orderTotals(
    computed.map((c) => c.amount ?? 0n),
    options.agreement.vatRateBp,
  );
  const linesError = fieldError(state, "uoTypeId");

  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      {mode.kind === "create" ? (
        <input type="hidden" name="creationKey" value={mode.creationKey} />
      ) : (
        <>
          <input type="hidden" name="id" value={mode.id} />
          <input type="hidden" name="version" value={mode.version} />
        </>
      )}

      <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-objet`}>
        <legend id={`${idPrefix}-objet`} className="fr-fieldset__legend fr-h5">
          Objet de la commande
        </legend>
        <div className="fr-fieldset__content fr-col-12">
          <Select
            label="Produit"
            hint="Les produits de votre organisation pour lesquels vous pouvez commander."
            nativeSelectProps={{ name: "productId", defaultValue: values?.productId ?? "", required: true }}
            {...fieldState(state, "productId")}
          >
            <option value="" disabled>
              Choisissez un produit
            </option>
            {options.products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
          <Select
            label="Titulaire"
            hint="L'entreprise de l'accord-cadre qui réalisera les prestations. Ses prix validés s'affichent sur chaque ligne."
            nativeSelectProps={{
              name: "contractorId",
              value: contractorId,
              onChange: (e) => setContractorId(e.target.value),
              required: true,
            }}
            {...fieldState(state, "contractorId")}
          >
            <option value="" disabled>
              Choisissez un titulaire
            </option>
            {options.contractors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.versionNumber === null ? `${c.name} (pas de prix validé en vigueur)` : c.name}
              </option>
            ))}
          </Select>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Début prévu"
                hintText={`Dans la période de l'accord-cadre ${options.agreement.reference} : du ${shortDate(options.agreement.startsOn)} au ${shortDate(options.agreement.endsOn)}.`}
                nativeInputProps={{
                  name: "startsOn",
                  type: "date",
                  required: true,
                  defaultValue: values?.startsOn,
                  min: options.agreement.startsOn,
                  max: options.agreement.endsOn,
                }}
                {...fieldState(state, "startsOn")}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Fin prévue"
                hintText="Égale ou postérieure à la date de début."
                nativeInputProps={{
                  name: "endsOn",
                  type: "date",
                  required: true,
                  defaultValue: values?.endsOn,
                  min: options.agreement.startsOn,
                  max: options.agreement.endsOn,
                }}
                {...fieldState(state, "endsOn")}
              />
            </div>
          </div>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-facturation`}>
        <legend id={`${idPrefix}-facturation`} className="fr-fieldset__legend fr-h5">
          Facturation
        </legend>
        <div className="fr-fieldset__content fr-col-12">
          <Input
            label="Adresse de facturation"
            hintText={`Celle de ${options.beneficiary.name}, modifiable pour cette commande.`}
            textArea
            nativeTextAreaProps={{
              name: "billingAddress",
              rows: 3,
              required: true,
              maxLength: 500,
              defaultValue: values?.billingAddress ?? options.beneficiary.billingAddress,
            }}
            {...fieldState(state, "billingAddress")}
          />
          <Input
            label="Code service Chorus Pro"
            hintText="Le code du service qui recevra les factures dans Chorus Pro."
            nativeInputProps={{
              name: "chorusServiceCode",
              required: true,
              maxLength: 40,
              autoComplete: "off",
              defaultValue: values?.chorusServiceCode ?? options.beneficiary.chorusServiceCode,
            }}
            {...fieldState(state, "chorusServiceCode")}
          />
        </div>
      </fieldset>

      <h2 className="fr-h5" id={`${idPrefix}-lignes`}>
        Lignes de la commande
      </h2>
      <p className="fr-text--sm">
        Une unité d'œuvre (UO) correspond à un profil à temps plein pendant un mois, soit 20 jours. Elle se
        commande par jour entier : 0,05 UO = 1 jour.
      </p>
      {linesError && (
        <p className="fr-error-text fr-mb-2w" id={`${idPrefix}-lignes-erreur`}>
          {linesError}
        </p>
      )}
      {lines.map((line, i) => {
        const c = computed[i]!;
        const n = i + 1;
        return (
          <fieldset
            key={line.key}
            className="fr-fieldset fr-mb-2w"
            aria-labelledby={`${idPrefix}-ligne-${line.key}`}
          >
            <legend id={`${idPrefix}-ligne-${line.key}`} className="fr-fieldset__legend fr-text--lg">
              Ligne {n}
            </legend>
            <div className="fr-fieldset__content fr-col-12">
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-7">
                  <Select
                    label={`Unité d'œuvre de la ligne ${n}`}
                    nativeSelectProps={{
                      name: "uoTypeId[]",
                      value: line.uoTypeId,
                      onChange: (e) => chooseUo(line, e.target.value),
                      required: true,
                    }}
                    {...fieldState(state, `uoTypeId.${i}`)}
                  >
                    <option value="" disabled>
                      Choisissez une unité d'œuvre
                    </option>
                    {options.uoTypes.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.label}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-5">
                  <Input
                    label={`Quantité de la ligne ${n}, en UO`}
                    hintText="par pas de 0,05 UO = 1 jour, virgule acceptée"
                    nativeInputProps={{
                      name: "quantity[]",
                      inputMode: "decimal",
                      autoComplete: "off",
                      required: true,
                      value: line.quantity,
                      onChange: (e) => update(line.key, { quantity: e.target.value }),
                    }}
                    {...fieldState(state, `quantity.${i}`)}
                  />
                </div>
              </div>
              <p className="fr-text--sm fr-mb-2w">
                {c.unit === null
                  ? contractor && line.uoTypeId
                    ? "Ce titulaire n'a pas de prix validé en vigueur pour cette unité d'œuvre."
                    : "Prix unitaire : choisissez un titulaire et une unité d'œuvre."
                  : `Prix unitaire HT : ${formatEuros(c.unit)} par UO`}
                {c.days !== null && ` · ${c.days} jours`}
                {c.amount !== null && ` · Montant HT de la ligne : ${formatEuros(c.amount)}`}
              </p>
              <Input
                label={`Livrables attendus de la ligne ${n}`}
                hintText="Prérempli avec les livrables du CCTP pour cette unité d'œuvre ; précisez-les pour votre produit."
                textArea
                nativeTextAreaProps={{
                  name: "deliverables[]",
                  rows: 4,
                  maxLength: 5000,
                  value: line.deliverables,
                  onChange: (e) => update(line.key, { deliverables: e.target.value }),
                }}
                {...fieldState(state, `deliverables.${i}`)}
              />
              {lines.length > 1 && (
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}
                >
                  Retirer la ligne {n}
                </Button>
              )}
            </div>
          </fieldset>
        );
      })}
      {lines.length < MAX_LINES && (
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-add-line"
          className="fr-mb-4w"
          onClick={() => setLines((ls) => [...ls, newLine()])}
        >
          Ajouter une ligne
        </Button>
      )}

      <section aria-labelledby={`${idPrefix}-totaux`} className="fr-mb-4w">
        <h2 className="fr-h5" id={`${idPrefix}-totaux`}>
          Montant estimé
        </h2>
        <div aria-live="polite">
          <dl>
            <dt className="fr-text--bold fr-mb-0">Total HT</dt>
            <dd className="fr-ml-0 fr-mb-1w" data-testid="total-ht">
              {formatEuros(totals.htCents)}
            </dd>
            <dt className="fr-text--bold fr-mb-0">TVA ({formatRate(options.agreement.vatRateBp)})</dt>
            <dd className="fr-ml-0 fr-mb-1w" data-testid="total-tva">
              {formatEuros(totals.vatCents)}
            </dd>
            <dt className="fr-text--bold fr-mb-0">Total TTC</dt>
            <dd className="fr-ml-0 fr-mb-1w" data-testid="total-ttc">
              {formatEuros(totals.ttcCents)}
            </dd>
          </dl>
          {!complete && (
            <p className="fr-text--sm">Les lignes sans quantité valide ou sans prix ne sont pas comptées.</p>
          )}
        </div>
        <p className="fr-text--sm">
          Prix du bordereau validé en vigueur aujourd'hui. Les prix retenus sont ceux en vigueur le jour où
          vous émettez le bon de commande.
        </p>
      </section>

      <SubmitButton pending={pending}>
        {mode.kind === "create" ? "Enregistrer le brouillon" : "Enregistrer les modifications"}
      </SubmitButton>
    </form>
  );
}
