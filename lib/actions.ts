// Server actions are public POST endpoints. Every form action goes through `formAction`:
// it re-reads the signed-in person from the database, parses the form with the same strict
// zod schema as the form, runs the mutation (which checks the right on the record itself),
// and turns expected errors into French messages. A database that cannot be reached
// (restart, lost connection) gives "momentanément indisponible, réessayez"; other unexpected
// errors are logged with the request id; the user sees a generic message carrying that id.
// What a forged request may send instead of a form (no FormData, NUL bytes, a repeated
// field, thousands of fields) is refused in French before anything runs — proxy.ts already
// answers most of it with a 4xx (lib/security/body.ts); this is the second line.
import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { logAccess, requestInfo } from "@/lib/access-log/record";
import { idInPath } from "@/lib/access-log/rules";
import type { ActionState } from "@/lib/action-state";
import { auditingRefusals } from "@/lib/audit/refusals";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { MAX_FORM_FIELDS } from "@/lib/security/body";

export type { ActionState };

export type ActionOutcome = { message: string; redirectTo?: string; revalidate?: string[] };

/**
 * FormData → plain object. Keys ending in "[]" become arrays; any other repeated key is
 * refused (parameter pollution), and so is a NUL byte anywhere (PostgreSQL refuses it in
 * text; it has no place in a form) or an absurd number of fields. Next's own `$ACTION…`
 * keys are dropped.
 */
export function formDataToObject(fd: FormData): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let fields = 0;
  for (const [key, value] of fd.entries()) {
    if (++fields > MAX_FORM_FIELDS) return null;
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : "";
    if (key.includes("\u0000") || v.includes("\u0000")) return null;
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

export const INVALID_FORM_MESSAGE =
  "Le formulaire envoyé est invalide (champ répété, caractère nul ou trop de champs). Rien n'a été enregistré : rechargez la page et recommencez.";

export const unavailableMessage = (requestId: string | null) =>
  `Le service est momentanément indisponible (la base de données ne répond pas). Réessayez dans quelques instants ; si le problème persiste, contactez le support en citant la référence ${requestId ?? "inconnue"}.`;

/**
 * What the user sees when the mutation throws: an expected error's own French message; for
 * a database that cannot be reached, a retryable "momentanément indisponible"; otherwise a
 * generic message. The last two are logged with the request id they show.
 */
export function actionErrorState(e: unknown, requestId: string | null): ActionState {
  if (isAppError(e)) {
    return { status: "error", message: e.message, fieldErrors: e.fieldErrors };
  }
  if (isDatabaseUnavailable(e)) {
    logger.warn("action.database_unavailable", { requestId, error: e });
    return { status: "error", message: unavailableMessage(requestId), fieldErrors: {} };
  }
  logger.error("action.failed", { requestId, error: e });
  return {
    status: "error",
    message: `Une erreur inattendue est survenue et rien n'a été enregistré. Réessayez ; si le problème persiste, contactez le support en citant la référence ${requestId ?? "inconnue"}.`,
    fieldErrors: {},
  };
}

async function requestIdOfThisRequest(): Promise<string | null> {
  try {
    return (await headers()).get("x-request-id");
  } catch {
    return null;
  }
}

export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (actor: Actor, input: z.output<S>) => Promise<ActionOutcome>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    let actor: Actor | null;
    try {
      actor = await getActor();
    } catch (e) {
      // The session is read from the database: it may be unreachable too.
      return actionErrorState(e, await requestIdOfThisRequest());
    }
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
    // A forged call may pass anything as arguments (Next decodes them from the body).
    const raw = formData instanceof FormData ? formDataToObject(formData) : null;
    if (!raw) {
      return {
        status: "error",
        message: INVALID_FORM_MESSAGE,
        fieldErrors: {},
      };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const extra = unrecognizedKeys(parsed.error);
      if (extra.length) {
        return {
          status: "error",
          message: `Le formulaire contient des champs non autorisés : ${extra
            .slice(0, 5)
            .map((k) => k.slice(0, 40))
            .join(", ")}. Rien n'a été enregistré.`,
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
      const state = actionErrorState(e, actor.requestId);
      if (!isAppError(e)) status = isDatabaseUnavailable(e) ? 503 : 500;
      return state;
    }
    for (const path of outcome.revalidate ?? []) revalidatePath(path);
    if (outcome.redirectTo) {
      status = 303;
      redirect(outcome.redirectTo);
    }
    return { status: "success", message: outcome.message };
  };
}
