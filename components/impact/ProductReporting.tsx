// The reporting sections of a product page (CCTP §3.3: impact measures and main risks),
// loaded here so the product page only renders this one component.
import { ProductRisks } from "@/components/risks/ProductRisks";
import type { Actor } from "@/lib/auth/actor";
import { getProductImpact } from "@/lib/impact/queries";
import { canRecordRisks } from "@/lib/risks/policies";
import { listProductRisks } from "@/lib/risks/queries";
import { ProductImpact } from "./ProductImpact";

export async function ProductReporting({ actor, productId }: { actor: Actor; productId: string }) {
  const [impact, risks] = await Promise.all([
    getProductImpact({ actor, productId }),
    listProductRisks({ actor, productId }),
  ]);
  return (
    <>
      <ProductImpact productId={productId} impact={impact} />
      <ProductRisks
        productId={productId}
        risks={risks}
        canRecord={canRecordRisks(actor)}
        showContractor={actor.membership.role !== "CONTRACTOR"}
      />
    </>
  );
}
