import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { RiskForm } from "@/components/risks/RiskForm";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { listRiskableProducts } from "@/lib/risks/queries";

export const metadata: Metadata = { title: "Signaler un risque" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewRiskPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/risques/nouveau");
  const products = await orNotFound(listRiskableProducts({ actor }));
  const wanted = param((await searchParams).produit);
  const defaultProductId = products.some((p) => p.id === wanted) ? wanted : undefined;
  return (
    <>
      <Breadcrumb
        currentPageLabel="Signaler un risque"
        segments={[{ label: "Risques", linkProps: { href: "/risques" } }]}
      />
      <h1>Signaler un risque</h1>
      <p>
        Signalez les principaux risques des produits pour lesquels votre société travaille (CCTP §3.3). Le
        bénéficiaire du produit en est prévenu par courriel.
      </p>
      {products.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Votre société n'a encore reçu aucun bon de commande : vous pourrez signaler des risques sur un produit dès qu'une commande pour ce produit vous aura été adressée."
        />
      ) : (
        <div className="fr-grid-row">
          <div className="fr-col-12 fr-col-md-8">
            <RiskForm products={products} defaultProductId={defaultProductId} />
          </div>
        </div>
      )}
    </>
  );
}
