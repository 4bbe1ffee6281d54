"use server";
import { formAction } from "@/lib/actions";
import {
  createBeneficiary,
  createContractor,
  setBeneficiaryActive,
  setContractorActive,
  updateBeneficiary,
  updateContractor,
} from "./mutations";
import {
  beneficiaryCreateSchema,
  beneficiaryUpdateSchema,
  contractorCreateSchema,
  contractorUpdateSchema,
  setActiveSchema,
} from "./schemas";

const CONTRACTORS = "/referentiel/titulaires";
const BENEFICIARIES = "/referentiel/beneficiaires";

export const createContractorAction = formAction(contractorCreateSchema, async (actor, input) => {
  const { id } = await createContractor({ actor, input });
  return {
    message: "Le titulaire a été ajouté.",
    redirectTo: `${CONTRACTORS}/${id}`,
    revalidate: [CONTRACTORS],
  };
});

export const updateContractorAction = formAction(contractorUpdateSchema, async (actor, { id, ...input }) => {
  await updateContractor({ actor, id, input });
  return { message: "Le titulaire a été mis à jour.", revalidate: [CONTRACTORS, `${CONTRACTORS}/${id}`] };
});

export const setContractorActiveAction = formAction(setActiveSchema, async (actor, { id, ...input }) => {
  await setContractorActive({ actor, id, input });
  return {
    message: input.active ? "Le titulaire a été réactivé." : "Le titulaire a été désactivé.",
    revalidate: [CONTRACTORS, `${CONTRACTORS}/${id}`],
  };
});

export const createBeneficiaryAction = formAction(beneficiaryCreateSchema, async (actor, input) => {
  const { id } = await createBeneficiary({ actor, input });
  return {
    message: "Le bénéficiaire a été ajouté.",
    redirectTo: `${BENEFICIARIES}/${id}`,
    revalidate: [BENEFICIARIES],
  };
});

export const updateBeneficiaryAction = formAction(
  beneficiaryUpdateSchema,
  async (actor, { id, ...input }) => {
    await updateBeneficiary({ actor, id, input });
    return {
      message: "Le bénéficiaire a été mis à jour.",
      revalidate: [BENEFICIARIES, `${BENEFICIARIES}/${id}`],
    };
  },
);

export const setBeneficiaryActiveAction = formAction(setActiveSchema, async (actor, { id, ...input }) => {
  await setBeneficiaryActive({ actor, id, input });
  return {
    message: input.active ? "Le bénéficiaire a été réactivé." : "Le bénéficiaire a été désactivé.",
    revalidate: [BENEFICIARIES, `${BENEFICIARIES}/${id}`],
  };
});
