"use server";
import { formAction } from "@/lib/actions";
import { updateAgreement, updateUoType } from "./mutations";
import { agreementUpdateSchema, uoTypeUpdateSchema } from "./schemas";

export const updateAgreementAction = formAction(agreementUpdateSchema, async (actor, { id, ...input }) => {
  await updateAgreement({ actor, id, input });
  return { message: "L'accord-cadre a été mis à jour.", revalidate: ["/referentiel/accord-cadre"] };
});

export const updateUoTypeAction = formAction(uoTypeUpdateSchema, async (actor, { id, ...input }) => {
  await updateUoType({ actor, id, input });
  return {
    message: "L'unité d'œuvre a été mise à jour.",
    revalidate: ["/referentiel/accord-cadre", `/referentiel/accord-cadre/uo/${id}`],
  };
});
