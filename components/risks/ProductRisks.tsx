import { Button } from "@codegouvfr/react-dsfr/Button";
import type { RiskListItem } from "@/lib/risks/queries";
import { RiskList } from "./RiskList";

/** The open risks of a product, most severe first (product page). */
export function ProductRisks({
  productId,
  risks,
  canRecord,
  showContractor,
}: {
  productId: string;
  risks: RiskListItem[];
  canRecord: boolean;
  showContractor: boolean;
}) {
  return (
    <section aria-labelledby="risques" className="fr-mt-4w">
      <h2 id="risques" className="fr-h4">
        Risques ouverts
      </h2>
      {risks.length === 0 ? (
        <p>Aucun risque ouvert sur ce produit.</p>
      ) : (
        <RiskList
          caption={`Risques ouverts du produit, les plus graves d'abord (${risks.length})`}
          items={risks}
          showProduct={false}
          showBeneficiary={false}
          showContractor={showContractor}
        />
      )}
      {canRecord && (
        <Button linkProps={{ href: `/risques/nouveau?produit=${productId}` }} priority="secondary">
          Signaler un risque sur ce produit
        </Button>
      )}
    </section>
  );
}
