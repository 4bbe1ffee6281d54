// Rate limits per user and per IP address, shared by every server instance through the
// database (table RateLimitBucket, migration 20261125200000_rate_limit).
//
// A fixed one-minute window per key. A hit is ONE statement — INSERT … ON CONFLICT DO UPDATE
// SET count = count + 1 RETURNING count — so parallel hits, on one instance or several, are
// serialized by PostgreSQL on the row and none is lost: with a limit of N, exactly N pass
// (tests/integration/rate-limit.test.ts proves it on a real server). This is the whole store:
// no package (rate-limiter-flexible is not a dependency, and one statement does not need one).
//
// Keys hold no address in clear: the IP is an HMAC under NEXTAUTH_SECRET. Rows are purged
// once their window is over (at most once a minute per instance).
import "server-only";
import { createHmac } from "node:crypto";
import { getDb } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { clientIp } from "./client-ip";
import {
  type LimitedAction,
  limitsFor,
  RATE_LIMIT_WINDOW_SECONDS,
  rateLimitMessage,
  retryAfterSeconds,
  windowStartOf,
} from "./rate-limit-rules";

export type { LimitedAction };

export type BucketHit = { count: number; allowed: boolean; retryAfterSeconds: number };

/** Keeps a finished window this long before purging it (clock skew between instances). */
const KEEP_AFTER_WINDOW_MS = 60_000;

/**
 * Counts one hit on `key` in the current window and says whether it is within `limit`.
 * Atomic: the count returned is this hit's own rank in the window.
 */
export async function hitBucket(
  key: string,
  limit: number,
  opts: { now?: Date; windowSeconds?: number } = {},
): Promise<BucketHit> {
  const now = opts.now ?? new Date();
  const windowSeconds = opts.windowSeconds ?? RATE_LIMIT_WINDOW_SECONDS;
  const start = windowStartOf(now, windowSeconds);
  const expiresAt = new Date(start.getTime() + windowSeconds * 1000 + KEEP_AFTER_WINDOW_MS);
  const db = await getDb();
  const rows = await db.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    VALUES (${key}, ${start}, 1, ${expiresAt})
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? Number.POSITIVE_INFINITY);
  return { count, allowed: count <= limit, retryAfterSeconds: retryAfterSeconds(now, start, windowSeconds) };
}

/** Deletes the buckets of finished windows; returns how many. */
export async function purgeExpiredBuckets(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

let lastPurge = 0;
async function purgeNowAndThen(now: Date) {
  if (now.getTime() - lastPurge < 60_000) return;
  lastPurge = now.getTime();
  try {
    await purgeExpiredBuckets(now);
  } catch (error) {
    // Housekeeping only: a failed purge is retried a minute later.
    logger.warn("rate_limit.purge_failed", { error });
  }
}

function hashKey(value: string): string {
  const secret = serverEnv().NEXTAUTH_SECRET ?? "commandes-rate-limit";
  return createHmac("sha256", secret).update(value).digest("base64url").slice(0, 22);
}

export type RateLimitVerdict =
  | { allowed: true }
  | { allowed: false; action: LimitedAction; scope: "user" | "ip"; retryAfterSeconds: number };

/**
 * Counts one `action` for this user (when known) and this IP address (when given), each
 * against its own limit from the settings. The IP is checked first: once it is refused,
 * the user's count is left alone.
 */
export async function checkRateLimit(
  action: LimitedAction,
  who: { userKey?: string | null; ip?: string | null },
  now = new Date(),
): Promise<RateLimitVerdict> {
  const limits = limitsFor(action, serverEnv());
  await purgeNowAndThen(now);
  const checks: Array<{ scope: "user" | "ip"; key: string; limit: number }> = [];
  if (who.ip)
    checks.push({ scope: "ip", key: `${action}:ip:${hashKey(`ip:${who.ip}`)}`, limit: limits.perIp });
  if (who.userKey)
    checks.push({ scope: "user", key: `${action}:user:${who.userKey}`, limit: limits.perUser });
  for (const check of checks) {
    const hit = await hitBucket(check.key, check.limit, { now });
    if (!hit.allowed) {
      logger.warn("rate_limit.refused", { action, scope: check.scope, count: hit.count });
      return { allowed: false, action, scope: check.scope, retryAfterSeconds: hit.retryAfterSeconds };
    }
  }
  return { allowed: true };
}

/** The client address of a route handler's request (see lib/security/client-ip.ts). */
export function requestIp(request: Request): string {
  return clientIp(request.headers.get("x-forwarded-for"), serverEnv().TRUST_PROXY);
}

/** Stable key of a person for the per-user limits of sign-in (before any user id is known). */
export function emailKey(email: string): string {
  return hashKey(`email:${email}`);
}

/** 429 with the French message and Retry-After. */
export function tooManyRequestsResponse(verdict: Extract<RateLimitVerdict, { allowed: false }>): Response {
  return new Response(`${rateLimitMessage(verdict.action, verdict.retryAfterSeconds)}\n`, {
    status: 429,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Retry-After": String(verdict.retryAfterSeconds),
    },
  });
}

/**
 * For route handlers: counts this request against `action`'s limits (per IP, and per user
 * when signed in) and returns the 429 answer when over, or null to go on.
 */
export async function refuseIfRateLimited(
  request: Request,
  action: LimitedAction,
  userKey?: string | null,
): Promise<Response | null> {
  const verdict = await checkRateLimit(action, { userKey, ip: requestIp(request) });
  return verdict.allowed ? null : tooManyRequestsResponse(verdict);
}
