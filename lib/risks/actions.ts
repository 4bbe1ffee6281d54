"use server";
import { formAction } from "@/lib/actions";
import { createRisk, updateRisk } from "./mutations";
import { createRiskSchema, updateRiskSchema } from "./schemas";

export const createRiskAction = formAction(createRiskSchema, async (actor, input) => {
  const { id } = await createRisk({ actor, input });
  return {
    message: "Le risque a été enregistré.",
    redirectTo: `/risques/${id}?enregistre=1`,
    revalidate: ["/risques", `/risques/${id}`, `/produits/${input.productId}`],
  };
});

export const updateRiskAction = formAction(updateRiskSchema, async (actor, input) => {
  await updateRisk({ actor, input });
  return {
    message: "Les modifications du risque ont été enregistrées.",
    redirectTo: `/risques/${input.id}?modifie=${input.status === "CLOSED" ? "clos" : "1"}`,
    revalidate: ["/risques", `/risques/${input.id}`],
  };
});
