// The only module that reads process.env. Settings are validated with zod; in production
// a missing or invalid required setting stops the server at start and names the variable
// (scripts/check-env.ts runs before `next start`).
import path from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A rate limit: hits allowed per minute (per user or per IP address). */
const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback);

/** Loopback hosts, where a production build may run over plain http (demo, browser tests). */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "doit être une URL postgresql://")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PGLITE_DIR: z.string().default(path.join(process.cwd(), ".data", "pglite")),
    NEXTAUTH_URL: z.url("doit être une URL http(s)").optional(),
    NEXTAUTH_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
    OIDC_ISSUER: z.url("doit être l'URL de l'émetteur OpenID Connect").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().default("openid email given_name usual_name uid siret"),
    /** Algorithm ProConnect signs userinfo with; empty for providers answering plain JSON. */
    OIDC_USERINFO_SIGNED_ALG: z.string().optional(),
    /** Mail relay, e.g. smtp://user:password@relay:587 (in development: the local capture). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "doit être une URL smtp:// ou smtps://")
      .optional(),
    MAIL_FROM: z.string().default("Commandes beta.gouv <ne-pas-repondre@commandes.beta.gouv.fr>"),
    SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.01).max(12).default(12),
    SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(720).default(120),
    /** Technical access logs and ended sessions are purged after this many months. */
    ACCESS_LOG_RETENTION_MONTHS: z.coerce
      .number()
      .int("doit être un nombre entier de mois")
      .min(1, "doit être d'au moins 1 mois")
      .max(120, "doit être de 120 mois au plus")
      .default(12),
    /** Shows the demo accounts on the sign-in page (demo only, never in production). */
    DEMO_MODE: bool.default(false),
    /**
     * A reverse proxy we trust is in front (it terminates HTTPS and appends the client's
     * address to X-Forwarded-For): the client IP is then the last address of that header.
     * Without it, see lib/security/client-ip.ts.
     */
    TRUST_PROXY: bool.default(false),
    /** Rate limits per minute (lib/security/rate-limit.ts). Sign-in counts each step. */
    RATE_LIMIT_SIGNIN_PER_IP: perMinute(30),
    RATE_LIMIT_SIGNIN_PER_USER: perMinute(10),
    RATE_LIMIT_EXPORT_PER_USER: perMinute(10),
    RATE_LIMIT_EXPORT_PER_IP: perMinute(60),
    RATE_LIMIT_PDF_PER_USER: perMinute(60),
    RATE_LIMIT_PDF_PER_IP: perMinute(300),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of [
      "NEXTAUTH_URL",
      "NEXTAUTH_SECRET",
      "OIDC_ISSUER",
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_SECRET",
      "SMTP_URL",
    ] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "est obligatoire" });
    }
    // Session cookies are `Secure` (and `__Host-` prefixed) only over https: production
    // must be served over https, except on the loopback (demo, browser tests).
    if (env.NEXTAUTH_URL) {
      const url = new URL(env.NEXTAUTH_URL);
      if (url.protocol !== "https:" && !LOOPBACK.has(url.hostname)) {
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_URL"],
          message: "doit être une adresse https en production (les cookies de session sont « Secure »)",
        });
      }
    }
  });

export type ServerEnv = z.infer<typeof schema>;

/** An empty variable (`DATABASE_URL=`) means "not set", as in a shell. */
function withoutEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

/** Human-readable list of the problems, one line per variable, in French. */
export function describeEnvIssues(source: Record<string, string | undefined>): string[] {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")} ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: ServerEnv | undefined;
/** Validated server settings (read once; tests may reset with resetEnvCache()). */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
export function resetEnvCache() {
  cached = undefined;
}
