import Link from "next/link";
import type { ProductFollowUp as Data } from "@/lib/follow-up/queries";
import { BurnDownChart } from "./BurnDownChart";
import { FiguresTable } from "./FiguresTable";
import { FollowUpOrderTable } from "./FollowUpOrderTable";

/** The follow-up section of a product page: totals, per order, and the burn-down. */
export function ProductFollowUp({
  data,
  showBeneficiary,
  showContractor,
}: {
  data: Data;
  showBeneficiary: boolean;
  showContractor: boolean;
}) {
  return (
    <section aria-labelledby="suivi" className="fr-mt-4w">
      <h2 id="suivi" className="fr-h4">
        Suivi des commandes
      </h2>
      {data.orders.total === 0 ? (
        <p>
          {showContractor
            ? "Aucun bon de commande émis pour ce produit."
            : "Aucun bon de commande adressé à votre société pour ce produit."}
        </p>
      ) : (
        <>
          <FiguresTable
            caption={`Suivi de ${data.name}, tous bons de commande confondus`}
            figures={data.figures}
            testId="product-follow-up"
          />
          <FollowUpOrderTable
            caption={`Bons de commande de ${data.name} (${data.orders.total})`}
            items={data.orders.items}
            totals={data.figures}
            total={data.orders.total}
            showProduct={false}
            showBeneficiary={showBeneficiary}
            showContractor={showContractor}
          />
          {data.orders.pageCount > 1 && (
            <p>
              <Link href={`/suivi?productId=${data.id}`}>
                Voir tous les bons de commande de {data.name} dans le suivi
              </Link>
            </p>
          )}
          {data.burnDown && (
            <>
              <h3 className="fr-h5 fr-mt-3w">Consommation des jours commandés</h3>
              <BurnDownChart
                id="produit-consommation"
                title={`le produit ${data.name}`}
                orderedDays={data.figures.orderedDays}
                points={data.burnDown.points}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
