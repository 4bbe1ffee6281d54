"use server";
import { formAction } from "@/lib/actions";
import type { Actor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors";
import { formatMonth } from "./calendar";
import {
  createAdjustment,
  rejectReport,
  saveReport,
  submitReport,
  updateAdjustment,
  validateReport,
} from "./mutations";
import {
  createAdjustmentSchema,
  rejectReportSchema,
  saveReportSchema,
  submitReportSchema,
  updateAdjustmentSchema,
  validateReportSchema,
} from "./schemas";

/** The month's page, with what just happened (`?fait=`) for its confirmation message. */
const monthPage = ({ orderId, month }: { orderId: string; month: string }, done: string) =>
  `/commandes/${orderId}/activite/${month}?fait=${done}`;

const pages = ({ orderId, month }: { orderId: string; month: string }) => [
  "/comptes-rendus",
  `/commandes/${orderId}`,
  `/commandes/${orderId}/activite`,
  `/commandes/${orderId}/activite/${month}`,
];

/**
 * "Soumettre" saves the grid, then submits it: two steps, each its own transaction and audit
 * event. If the submission is refused, the saved grid stays and the message says so.
 */
async function submitAfterSave(actor: Actor, saved: { id: string; version: number }, what: string) {
  try {
    await submitReport({ actor, input: { reportId: saved.id, version: saved.version } });
  } catch (e) {
    if (isAppError(e)) {
      throw new AppError(e.code, `${what} a été enregistré, mais pas soumis : ${e.message}`, e.fieldErrors);
    }
    throw e;
  }
}

export const saveReportAction = formAction(saveReportSchema, async (actor, input) => {
  const saved = await saveReport({ actor, input });
  const label = formatMonth(input.month);
  const revalidate = pages({ orderId: input.orderId, month: input.month });
  if (input.intent === "submit") {
    await submitAfterSave(actor, saved, `Le compte rendu de ${label}`);
    return {
      message: `Le compte rendu de ${label} a été soumis au bénéficiaire, qui en est informé par courriel.`,
      redirectTo: monthPage(input, "soumis"),
      revalidate,
    };
  }
  return {
    message: `Le compte rendu de ${label} a été enregistré en brouillon. Soumettez-le quand il est complet.`,
    revalidate,
  };
});

export const submitReportAction = formAction(submitReportSchema, async (actor, input) => {
  const done = await submitReport({ actor, input });
  return {
    message: "Le compte rendu a été soumis au bénéficiaire, qui en est informé par courriel.",
    redirectTo: monthPage(done, "soumis"),
    revalidate: pages(done),
  };
});

export const validateReportAction = formAction(validateReportSchema, async (actor, input) => {
  const done = await validateReport({ actor, input });
  return {
    message:
      "Le compte rendu est validé : ses jours facturables sont comptés comme consommés sur le bon de commande. Le titulaire en est informé.",
    redirectTo: monthPage(done, "valide"),
    revalidate: pages(done),
  };
});

export const rejectReportAction = formAction(rejectReportSchema, async (actor, input) => {
  const done = await rejectReport({ actor, input });
  return {
    message: "Le compte rendu est rejeté. Le titulaire reçoit votre motif par courriel pour le corriger.",
    redirectTo: monthPage(done, "rejete"),
    revalidate: pages(done),
  };
});

export const createAdjustmentAction = formAction(createAdjustmentSchema, async (actor, input) => {
  const saved = await createAdjustment({ actor, input });
  if (input.intent === "submit") {
    await submitAfterSave(actor, saved, "L'écriture d'ajustement");
    return {
      message: "L'écriture d'ajustement a été soumise au bénéficiaire, qui en est informé par courriel.",
      redirectTo: monthPage(saved, "ajustement-soumis"),
      revalidate: pages(saved),
    };
  }
  return {
    message: "L'écriture d'ajustement a été enregistrée en brouillon. Soumettez-la quand elle est prête.",
    redirectTo: monthPage(saved, "ajustement-enregistre"),
    revalidate: pages(saved),
  };
});

export const updateAdjustmentAction = formAction(updateAdjustmentSchema, async (actor, input) => {
  const saved = await updateAdjustment({ actor, input });
  if (input.intent === "submit") {
    await submitAfterSave(actor, saved, "L'écriture d'ajustement");
    return {
      message: "L'écriture d'ajustement a été soumise au bénéficiaire, qui en est informé par courriel.",
      redirectTo: monthPage(saved, "ajustement-soumis"),
      revalidate: pages(saved),
    };
  }
  return { message: "L'écriture d'ajustement a été enregistrée.", revalidate: pages(saved) };
});
