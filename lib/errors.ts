// One error type for expected failures. Its message is French and shown to the user as is;
// anything else is unexpected: logged with the request id, shown as a generic message.

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "VALIDATION"
  | "CONFLICT"
  | "RATE_LIMITED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: Record<string, string[]>;
  constructor(code: AppErrorCode, message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = "Cet élément") =>
  new AppError("NOT_FOUND", `${what} est introuvable ou vous n'y avez pas accès.`);
export const forbidden = (message = "Vous n'avez pas le droit de faire cette action.") =>
  new AppError("FORBIDDEN", message);
export const validation = (message: string, fieldErrors: Record<string, string[]> = {}) =>
  new AppError("VALIDATION", message, fieldErrors);
export const conflict = (message: string) => new AppError("CONFLICT", message);
export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", "Votre session a expiré. Veuillez vous reconnecter.");

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The optimistic lock failed: the record changed since the form was loaded. */
export const STALE_VERSION_MESSAGE =
  "Cet élément a été modifié entre-temps par quelqu'un d'autre. Rechargez la page pour voir la dernière version ; vos modifications n'ont pas été enregistrées.";
export const staleVersion = () => conflict(STALE_VERSION_MESSAGE);
