import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { frDecimal } from "@/components/orders/format";
import { OrderForm } from "@/components/orders/OrderForm";
import { requireActor } from "@/lib/auth/session";
import { getOrderFormOptions } from "@/lib/orders/options";
import { getOrder } from "@/lib/orders/queries";
import { orNotFound, refusePage } from "@/lib/pages";

export const metadata: Metadata = { title: "Modifier le brouillon" };

export default async function EditOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}/modifier`);
  const order = await orNotFound(getOrder({ actor, id }));
  // Not a draft it may edit: the page does not exist for it (the refusal is audited).
  if (!order.can.edit) await refusePage(actor);
  const options = await orNotFound(getOrderFormOptions({ actor }));

  return (
    <>
      <Breadcrumb
        currentPageLabel="Modifier le brouillon"
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: `Brouillon – ${order.product.name}`, linkProps: { href: `/commandes/${order.id}` } },
        ]}
      />
      <h1>Modifier le brouillon – {order.product.name}</h1>
      <p>Tous les champs sont obligatoires.</p>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-9">
          <OrderForm
            mode={{ kind: "edit", id: order.id, version: order.version }}
            options={options}
            values={{
              productId: order.productId,
              contractorId: order.contractorId,
              startsOn: order.startsOn,
              endsOn: order.endsOn,
              billingAddress: order.billingAddress,
              chorusServiceCode: order.chorusServiceCode,
              lines: order.lines.map((l) => ({
                uoTypeId: l.uoTypeId,
                quantity: frDecimal(l.quantity),
                deliverables: l.deliverables,
              })),
            }}
          />
        </div>
      </div>
    </>
  );
}
