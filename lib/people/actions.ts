"use server";
import { formAction } from "@/lib/actions";
import { addMembership, createUser, setMembershipActive, setUserActive, updateUser } from "./mutations";
import { membershipAddSchema, setActiveSchema, userCreateSchema, userUpdateSchema } from "./schemas";

const PEOPLE = "/referentiel/personnes";

export const createUserAction = formAction(userCreateSchema, async (actor, input) => {
  const { id } = await createUser({ actor, input });
  return {
    message: "La personne a été ajoutée. Donnez-lui maintenant une habilitation.",
    redirectTo: `${PEOPLE}/${id}`,
    revalidate: [PEOPLE],
  };
});

export const updateUserAction = formAction(userUpdateSchema, async (actor, { id, ...input }) => {
  await updateUser({ actor, id, input });
  return { message: "La personne a été mise à jour.", revalidate: [PEOPLE, `${PEOPLE}/${id}`] };
});

export const setUserActiveAction = formAction(setActiveSchema, async (actor, { id, ...input }) => {
  await setUserActive({ actor, id, input });
  return {
    message: input.active
      ? "Le compte a été réactivé."
      : "Le compte a été désactivé : la personne n'a plus accès au portail.",
    revalidate: [PEOPLE, `${PEOPLE}/${id}`],
  };
});

export const addMembershipAction = formAction(membershipAddSchema, async (actor, { userId, ...input }) => {
  await addMembership({ actor, userId, input });
  return { message: "L'habilitation a été ajoutée.", revalidate: [PEOPLE, `${PEOPLE}/${userId}`] };
});

export const setMembershipActiveAction = formAction(setActiveSchema, async (actor, { id, ...input }) => {
  const { userId } = await setMembershipActive({ actor, id, input });
  return {
    message: input.active
      ? "L'habilitation a été réactivée."
      : "L'habilitation a été retirée : elle ne donne plus accès au portail dès la prochaine page consultée.",
    revalidate: [PEOPLE, `${PEOPLE}/${userId}`],
  };
});
