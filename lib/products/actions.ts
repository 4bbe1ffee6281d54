"use server";
import { formAction } from "@/lib/actions";
import { createProduct, startProductPhase, updateProduct } from "./mutations";
import { createProductSchema, startProductPhaseSchema, updateProductSchema } from "./schemas";

export const createProductAction = formAction(createProductSchema, async (actor, input) => {
  const { id } = await createProduct({ actor, input });
  return { message: "Le produit a été créé.", redirectTo: `/produits/${id}`, revalidate: ["/produits"] };
});

export const updateProductAction = formAction(updateProductSchema, async (actor, input) => {
  await updateProduct({ actor, input });
  return {
    message: "Les modifications du produit ont été enregistrées.",
    revalidate: ["/produits", `/produits/${input.id}`],
  };
});

export const startProductPhaseAction = formAction(startProductPhaseSchema, async (actor, input) => {
  const { productId, ...phase } = input;
  await startProductPhase({ actor, productId, input: phase });
  return {
    message: "La nouvelle phase a été enregistrée.",
    revalidate: ["/produits", `/produits/${productId}`],
  };
});
