"use server";
import { formAction } from "@/lib/actions";
import { saveIndicator } from "./mutations";
import { formatMonth } from "./rules";
import { saveIndicatorSchema } from "./schemas";

export const saveIndicatorAction = formAction(saveIndicatorSchema, async (actor, input) => {
  const { created } = await saveIndicator({ actor, input });
  return {
    message: created
      ? `Les indicateurs de ${formatMonth(input.month)} ont été enregistrés.`
      : `Les indicateurs de ${formatMonth(input.month)} ont été corrigés.`,
    redirectTo: `/produits/${input.productId}/indicateurs?enregistre=${input.month}`,
    revalidate: [`/produits/${input.productId}`, `/produits/${input.productId}/indicateurs`],
  };
});
