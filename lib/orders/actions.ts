"use server";
import { formAction } from "@/lib/actions";
import { formatEuros } from "@/lib/money";
import {
  acknowledgeOrder,
  cancelOrder,
  closeOrder,
  completeOrder,
  createCorrectiveOrder,
  createOrderDraft,
  issueOrder,
  recordObservation,
  updateOrderDraft,
} from "./mutations";
import {
  acknowledgeOrderSchema,
  cancelOrderSchema,
  createCorrectiveOrderSchema,
  createOrderSchema,
  issueOrderSchema,
  observationSchema,
  orderTransitionSchema,
  updateOrderSchema,
} from "./schemas";

const pages = (id: string) => ["/commandes", `/commandes/${id}`];

export const createOrderDraftAction = formAction(createOrderSchema, async (actor, input) => {
  const { id } = await createOrderDraft({ actor, input });
  // The detail page says "draft saved" from ?enregistre=1: a redirect drops the action's message.
  return {
    message: "Le brouillon du bon de commande a été enregistré.",
    redirectTo: `/commandes/${id}?enregistre=1`,
    revalidate: pages(id),
  };
});

export const updateOrderDraftAction = formAction(updateOrderSchema, async (actor, input) => {
  await updateOrderDraft({ actor, input });
  return {
    message: "Les modifications du brouillon ont été enregistrées.",
    redirectTo: `/commandes/${input.id}?enregistre=1`,
    revalidate: pages(input.id),
  };
});

export const issueOrderAction = formAction(issueOrderSchema, async (actor, input) => {
  const { number } = await issueOrder({ actor, input });
  return {
    message: `Le bon de commande n° ${number} a été émis. Le titulaire est prévenu par courriel et doit en accuser réception.`,
    revalidate: pages(input.id),
  };
});

export const cancelOrderAction = formAction(cancelOrderSchema, async (actor, input) => {
  await cancelOrder({ actor, input });
  return {
    message: "Le bon de commande a été annulé. Son montant ne compte plus dans l'accord-cadre.",
    revalidate: pages(input.id),
  };
});

export const acknowledgeOrderAction = formAction(acknowledgeOrderSchema, async (actor, input) => {
  await acknowledgeOrder({ actor, input });
  return {
    message: "Vous avez accusé réception du bon de commande. Le bénéficiaire en est informé.",
    revalidate: pages(input.id),
  };
});

export const recordObservationAction = formAction(observationSchema, async (actor, input) => {
  await recordObservation({ actor, input });
  return {
    message: "Votre observation a été enregistrée et transmise au bénéficiaire.",
    revalidate: pages(input.id),
  };
});

export const createCorrectiveOrderAction = formAction(createCorrectiveOrderSchema, async (actor, input) => {
  const { id } = await createCorrectiveOrder({ actor, input });
  return {
    message: "Le brouillon du bon de commande modificatif a été enregistré.",
    redirectTo: `/commandes/${id}?enregistre=1`,
    revalidate: [...pages(id), `/commandes/${input.originalId}`],
  };
});

export const completeOrderAction = formAction(orderTransitionSchema, async (actor, input) => {
  await completeOrder({ actor, input });
  return {
    message:
      "Le bon de commande est terminé. Le titulaire en est informé ; vous pouvez maintenant le clôturer.",
    revalidate: pages(input.id),
  };
});

export const closeOrderAction = formAction(orderTransitionSchema, async (actor, input) => {
  const { releasedHtCents } = await closeOrder({ actor, input });
  return {
    message: `Le bon de commande est clôturé. Seul le montant consommé reste engagé : ${formatEuros(releasedHtCents)} HT ont été libérés sur l'accord-cadre.`,
    revalidate: pages(input.id),
  };
});
