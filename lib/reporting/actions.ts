"use server";
import { formAction } from "@/lib/actions";
import { updateForecastThreshold } from "./mutations";
import { formatBp } from "./rules";
import { forecastThresholdSchema } from "./schemas";

export const updateForecastThresholdAction = formAction(forecastThresholdSchema, async (actor, input) => {
  const { thresholdBp } = await updateForecastThreshold({ actor, input });
  return {
    message: `Le seuil d'alerte est maintenant de ${formatBp(thresholdBp)} du montant maximum.`,
    revalidate: ["/pilotage"],
  };
});
