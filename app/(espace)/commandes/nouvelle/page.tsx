import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { OrderForm } from "@/components/orders/OrderForm";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { getOrderFormOptions } from "@/lib/orders/options";
import { orNotFound, refusePage } from "@/lib/pages";

export const metadata: Metadata = { title: "Nouvelle commande" };

export default async function NewOrderPage() {
  const actor = await requireActor("/commandes/nouvelle");
  if (!can(actor, "order:manageOwn")) await refusePage(actor);
  const options = await orNotFound(getOrderFormOptions({ actor }));
  // One key per displayed form: the same form sent twice creates a single draft.
  const creationKey = crypto.randomUUID();

  return (
    <>
      <Breadcrumb
        currentPageLabel="Nouvelle commande"
        segments={[{ label: "Commandes", linkProps: { href: "/commandes" } }]}
      />
      <h1>Nouvelle commande</h1>
      <p>
        Préparez le bon de commande de {actor.membership.organisationName}. Il est d'abord enregistré comme
        brouillon : vous pourrez le relire, le modifier puis l'émettre en le signant. Tous les champs sont
        obligatoires.
      </p>
      {options.products.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Votre organisation n'a encore aucun produit pour lequel commander. Ajoutez d'abord un produit dans la rubrique Produits."
        />
      ) : (
        <div className="fr-grid-row">
          <div className="fr-col-12 fr-col-lg-9">
            <OrderForm mode={{ kind: "create", creationKey }} options={options} />
          </div>
        </div>
      )}
    </>
  );
}
