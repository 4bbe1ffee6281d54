"use server";
import { formAction } from "@/lib/actions";
import {
  createAssignment,
  createStaffer,
  replaceAssignment,
  setStafferActive,
  updateAssignment,
  updateStaffer,
} from "./mutations";
import {
  createAssignmentSchema,
  createStafferSchema,
  replaceAssignmentSchema,
  setStafferActiveSchema,
  updateAssignmentSchema,
  updateStafferSchema,
} from "./schemas";

const stafferPages = (id: string) => ["/intervenants", `/intervenants/${id}`];

export const createStafferAction = formAction(createStafferSchema, async (actor, input) => {
  const { id } = await createStaffer({ actor, input });
  return {
    message: "L'intervenant a été ajouté.",
    redirectTo: `/intervenants/${id}?ajoute=1`,
    revalidate: stafferPages(id),
  };
});

export const updateStafferAction = formAction(updateStafferSchema, async (actor, input) => {
  await updateStaffer({ actor, input });
  return {
    message: "Les modifications de l'intervenant ont été enregistrées.",
    revalidate: stafferPages(input.id),
  };
});

export const setStafferActiveAction = formAction(setStafferActiveSchema, async (actor, input) => {
  await setStafferActive({ actor, input });
  return {
    message: input.active
      ? "L'intervenant est réactivé : il peut de nouveau être affecté."
      : "L'intervenant est désactivé : il ne peut plus être affecté.",
    revalidate: stafferPages(input.id),
  };
});

const teamPages = (orderId: string) => [`/commandes/${orderId}/equipe`, "/intervenants"];
/** The team page says what was done from ?fait=… (a redirect drops the action's message). */
const teamPage = (orderId: string, done: "affectation" | "remplacement" | "periode") =>
  `/commandes/${orderId}/equipe?fait=${done}`;

export const createAssignmentAction = formAction(createAssignmentSchema, async (actor, input) => {
  const { orderId } = await createAssignment({ actor, input });
  return {
    message:
      "L'intervenant est affecté à la ligne. Les correspondants du bénéficiaire en sont informés par courriel.",
    redirectTo: teamPage(orderId, "affectation"),
    revalidate: teamPages(orderId),
  };
});

export const updateAssignmentAction = formAction(updateAssignmentSchema, async (actor, input) => {
  const { orderId } = await updateAssignment({ actor, input });
  return {
    message: "La période d'affectation a été modifiée. Les correspondants du bénéficiaire en sont informés.",
    redirectTo: teamPage(orderId, "periode"),
    revalidate: teamPages(orderId),
  };
});

export const replaceAssignmentAction = formAction(replaceAssignmentSchema, async (actor, input) => {
  const { orderId } = await replaceAssignment({ actor, input });
  return {
    message:
      "Le remplacement est enregistré : l'affectation précédente se termine la veille de l'arrivée. Les correspondants du bénéficiaire en sont informés par courriel.",
    redirectTo: teamPage(orderId, "remplacement"),
    revalidate: teamPages(orderId),
  };
});
