"use server";
import { formAction } from "@/lib/actions";
import {
  proposePriceScheduleVersion,
  rejectPriceScheduleVersion,
  validatePriceScheduleVersion,
} from "./mutations";
import {
  proposePriceScheduleVersionSchema,
  rejectPriceScheduleVersionSchema,
  validatePriceScheduleVersionSchema,
} from "./schemas";

export const proposePriceScheduleVersionAction = formAction(
  proposePriceScheduleVersionSchema,
  async (actor, input) => {
    const { id, number } = await proposePriceScheduleVersion({ actor, input });
    return {
      message: `La version ${number} de votre bordereau de prix a été envoyée à la DINUM.`,
      redirectTo: `/tarifs/versions/${id}`,
      revalidate: ["/tarifs"],
    };
  },
);

export const validatePriceScheduleVersionAction = formAction(
  validatePriceScheduleVersionSchema,
  async (actor, input) => {
    await validatePriceScheduleVersion({ actor, id: input.id });
    return {
      message: "La version a été validée. Elle s'appliquera aux commandes à partir de sa date d'effet.",
      revalidate: ["/tarifs", `/tarifs/versions/${input.id}`],
    };
  },
);

export const rejectPriceScheduleVersionAction = formAction(
  rejectPriceScheduleVersionSchema,
  async (actor, input) => {
    await rejectPriceScheduleVersion({ actor, id: input.id, reason: input.reason });
    return {
      message: "La version a été refusée. Le titulaire verra le motif du refus.",
      revalidate: ["/tarifs", `/tarifs/versions/${input.id}`],
    };
  },
);
