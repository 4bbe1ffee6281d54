// Pure rules of the rate limits (lib/security/rate-limit.ts): fixed windows of one minute,
// the limits of each action from the settings, and the French answer. Tested next to this file.
import type { ServerEnv } from "@/lib/env";

/** Every limit counts hits per minute. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** What is limited: the sign-in steps, list exports (CSV, XLSX, zip) and PDF documents. */
export type LimitedAction = "signin" | "export" | "pdf";

export type Limits = { perUser: number; perIp: number };

export function limitsFor(action: LimitedAction, env: ServerEnv): Limits {
  switch (action) {
    case "signin":
      return { perUser: env.RATE_LIMIT_SIGNIN_PER_USER, perIp: env.RATE_LIMIT_SIGNIN_PER_IP };
    case "export":
      return { perUser: env.RATE_LIMIT_EXPORT_PER_USER, perIp: env.RATE_LIMIT_EXPORT_PER_IP };
    case "pdf":
      return { perUser: env.RATE_LIMIT_PDF_PER_USER, perIp: env.RATE_LIMIT_PDF_PER_IP };
  }
}

/** Start of the fixed window `now` falls in (windows are aligned on the epoch). */
export function windowStartOf(now: Date, windowSeconds = RATE_LIMIT_WINDOW_SECONDS): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Whole seconds until the window ends (at least 1): the `Retry-After` value. */
export function retryAfterSeconds(
  now: Date,
  windowStart: Date,
  windowSeconds = RATE_LIMIT_WINDOW_SECONDS,
): number {
  const left = windowStart.getTime() + windowSeconds * 1000 - now.getTime();
  return Math.max(1, Math.ceil(left / 1000));
}

const WHAT: Record<LimitedAction, string> = {
  signin: "Trop de tentatives de connexion en peu de temps.",
  export: "Trop d'exports demandés en peu de temps.",
  pdf: "Trop de documents PDF demandés en peu de temps.",
};

/** The message of a 429 answer, in French. */
export function rateLimitMessage(action: LimitedAction, retryAfter: number): string {
  const wait = retryAfter === 1 ? "1 seconde" : `${retryAfter} secondes`;
  return `${WHAT[action]} Par sécurité, patientez ${wait} puis réessayez.`;
}
