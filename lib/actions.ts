// Server actions are public POST endpoints. Every form action goes through `formAction`:
// it re-reads the signed-in person from the database, parses the form with the same strict
// zod schema as the form, runs the mutation (which checks the right on the record itself),
// and turns expected errors into French messages. Unexpected errors are logged with the
// request id; the user sees a generic message carrying that id.
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { logAccess, requestInfo } from "@/lib/access-log/record";
import { idInPath } from "@/lib/access-log/rules";
import type { ActionState } from "@/lib/action-state";
import { auditingRefusals } from "@/lib/audit/refusals";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type { ActionState };

export type ActionOutcome = { message: string; redirectTo?: string; revalidate?: string[] };

/**
 * FormData → plain object. Keys ending in "[]" become arrays; any other repeated key is
 * refused (parameter pollution). Next's own `$ACTION…` keys are dropped.
 */
export function formDataToObject(fd: FormData): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : "";
    if (key.endsWith("[]")) {
      const k = key.slice(0, -2);
      const arr = (out[k] as string[] | undefined) ?? [];
      arr.push(v);
      out[k] = arr;
    } else {
      if (key in out) return null;
      out[key] = v;
    }
  }
  return out;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

function unrecognizedKeys(error: z.ZodError): string[] {
  return error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
}

export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (actor: Actor, input: z.output<S>) => Promise<ActionOutcome>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await getActor();
    if (!actor) {
      return {
        status: "error",
        message: "Votre session a expiré. Veuillez vous reconnecter.",
        fieldErrors: {},
      };
    }
    // Access log (after the response) and, on a refusal, one "access.refused" audit event.
    const info = await requestInfo();
    let status = 200;
    logAccess(info, actor, "POST", () => status);
    const raw = formDataToObject(formData);
    if (!raw) {
      return {
        status: "error",
        message: "Le formulaire envoyé est invalide (champ répété).",
        fieldErrors: {},
      };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const extra = unrecognizedKeys(parsed.error);
      if (extra.length) {
        return {
          status: "error",
          message: `Le formulaire contient des champs non autorisés : ${extra.join(", ")}. Rien n'a été enregistré.`,
          fieldErrors: {},
        };
      }
      return {
        status: "error",
        message: "Le formulaire contient des erreurs. Corrigez les champs signalés.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const formId = (parsed.data as { id?: unknown }).id;
    const attempt = {
      operation: `POST ${info.path}`,
      entityId: typeof formId === "string" ? formId : idInPath(info.path),
    };
    let outcome: ActionOutcome;
    try {
      outcome = await auditingRefusals(actor, attempt, () => handler(actor, parsed.data));
    } catch (e) {
      if (isAppError(e)) {
        return { status: "error", message: e.message, fieldErrors: e.fieldErrors };
      }
      status = 500;
      logger.error("action.failed", { requestId: actor.requestId, error: e });
      return {
        status: "error",
        message: `Une erreur inattendue est survenue et rien n'a été enregistré. Réessayez ; si le problème persiste, contactez le support en citant la référence ${actor.requestId ?? "inconnue"}.`,
        fieldErrors: {},
      };
    }
    for (const path of outcome.revalidate ?? []) revalidatePath(path);
    if (outcome.redirectTo) {
      status = 303;
      redirect(outcome.redirectTo);
    }
    return { status: "success", message: outcome.message };
  };
}
