import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { ProductForm } from "@/components/products/ProductForm";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, refusePage } from "@/lib/pages";
import { canChooseProductOwner, canCreateProducts } from "@/lib/products/policies";
import { listProductOwnerOptions } from "@/lib/products/queries";
import { allowedKinds, PRODUCT_KINDS } from "@/lib/products/rules";

export const metadata: Metadata = { title: "Ajouter un produit" };

export default async function NewProductPage() {
  const actor = await requireActor("/produits/nouveau");
  if (!canCreateProducts(actor)) await refusePage(actor);
  const owners = canChooseProductOwner(actor)
    ? await orNotFound(listProductOwnerOptions({ actor }))
    : undefined;
  // DINUM chooses the owner: the server refuses a DINUM product for any other owner.
  const kinds = owners ? PRODUCT_KINDS : allowedKinds(actor.membership.isDinumOrganisation);

  return (
    <>
      <Breadcrumb
        currentPageLabel="Ajouter un produit"
        segments={[{ label: "Produits", linkProps: { href: "/produits" } }]}
      />
      <h1>Ajouter un produit</h1>
      <p>
        {owners
          ? "Le produit sera rattaché au bénéficiaire choisi, qui pourra ensuite commander pour lui."
          : `Le produit sera rattaché à votre organisation : ${actor.membership.organisationName}.`}{" "}
        Tous les champs sont obligatoires sauf mention contraire.
      </p>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <ProductForm kinds={kinds} owners={owners} />
        </div>
      </div>
    </>
  );
}
