"use client";
// Create or edit a product. The owner select is only shown to DINUM (which creates products
// for any beneficiary); a beneficiary's products always belong to its own organisation.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { createProductAction, updateProductAction } from "@/lib/products/actions";
import { PRODUCT_KIND_LABELS, type ProductKindName } from "@/lib/products/rules";

export type ProductFormValues = {
  id: string;
  version: number;
  name: string;
  kind: ProductKindName;
  incubator: string;
  betaGouvId: string;
  statsUrl: string;
  description: string;
};

export function ProductForm({
  values,
  kinds,
  owners,
}: {
  /** Absent: a new product. */
  values?: ProductFormValues;
  /** The kinds this owner may have (only DINUM's products may be DINUM products). */
  kinds: readonly ProductKindName[];
  /** DINUM only: the beneficiaries it may create the product for. */
  owners?: Array<{ id: string; name: string }>;
}) {
  const { state, pending, formProps } = useFormAction(values ? updateProductAction : createProductAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      {values && (
        <>
          <input type="hidden" name="id" value={values.id} />
          <input type="hidden" name="version" value={values.version} />
        </>
      )}
      {owners && (
        <Select
          label="Bénéficiaire à qui appartient le produit"
          nativeSelectProps={{ name: "beneficiaryId", defaultValue: "", required: true }}
          {...fieldState(state, "beneficiaryId")}
        >
          <option value="" disabled>
            Choisissez un bénéficiaire
          </option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      )}
      <Input
        label="Nom du produit"
        nativeInputProps={{ name: "name", defaultValue: values?.name, required: true, maxLength: 120 }}
        {...fieldState(state, "name")}
      />
      <Select
        label="Type de produit"
        hint={
          kinds.length > 1
            ? "Seuls les produits de la DINUM peuvent être autre chose qu'une Startup d'État."
            : "Les bénéficiaires autres que la DINUM commandent uniquement pour des Startups d'État."
        }
        nativeSelectProps={{ name: "kind", defaultValue: values?.kind ?? "STARTUP_ETAT", required: true }}
        {...fieldState(state, "kind")}
      >
        {kinds.map((k) => (
          <option key={k} value={k}>
            {PRODUCT_KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <Input
        label="Incubateur (facultatif)"
        hintText="Par exemple : Fabrique numérique des ministères sociaux."
        nativeInputProps={{ name: "incubator", defaultValue: values?.incubator }}
        {...fieldState(state, "incubator")}
      />
      <Input
        label="Identifiant beta.gouv.fr (facultatif)"
        hintText="Le nom de la fiche du produit sur beta.gouv.fr : lettres minuscules sans accent, chiffres et tirets, par exemple « mon-produit »."
        nativeInputProps={{ name: "betaGouvId", defaultValue: values?.betaGouvId, autoComplete: "off" }}
        {...fieldState(state, "betaGouvId")}
      />
      <Input
        label="Page de statistiques d'impact (facultatif)"
        hintText="Adresse complète commençant par https://, par exemple https://mon-produit.beta.gouv.fr/stats."
        nativeInputProps={{ name: "statsUrl", defaultValue: values?.statsUrl, type: "url", inputMode: "url" }}
        {...fieldState(state, "statsUrl")}
      />
      <Input
        label="Description (facultatif)"
        textArea
        nativeTextAreaProps={{ name: "description", defaultValue: values?.description, rows: 4 }}
        {...fieldState(state, "description")}
      />
      <SubmitButton pending={pending}>
        {values ? "Enregistrer le produit" : "Ajouter le produit"}
      </SubmitButton>
    </form>
  );
}
