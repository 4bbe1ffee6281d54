// The technical access log: one AccessLog row per signed-in page view, server action and
// download, written AFTER the response is sent (Next's `after`), so it never slows a page
// down nor fails it. Anonymous requests (public pages, assets) are not recorded in the
// database. Rows are purged after ACCESS_LOG_RETENTION_MONTHS by the retention job.
//
// What is kept: time, request id, method, the path without its query string, the user id,
// the status, the duration since the proxy saw the request, the client's network (IPv4 /24,
// IPv6 /48). Never the query string, the body, the user agent, or a full address.
import "server-only";
import { headers } from "next/headers";
import { after } from "next/server";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { ipPrefix, pathOnly } from "./rules";

export type RequestInfo = {
  requestId: string | null;
  /** Path of the request (for a server action: the page it was posted from), no query. */
  path: string;
  ipPrefix: string | null;
  /** When the proxy received the request (ms since epoch), if it said so. */
  startedAt: number | null;
  /** A router prefetch, not a visit. */
  prefetch: boolean;
};

/** What the proxy (proxy.ts) and the reverse proxy told us, from the request's headers. */
export function requestInfoFrom(h: Headers, url?: string): RequestInfo {
  const started = Number(h.get("x-request-start"));
  return {
    requestId: h.get("x-request-id"),
    path: pathOnly(url ? new URL(url).pathname : (h.get("x-pathname") ?? "/")),
    ipPrefix: ipPrefix(h.get("x-forwarded-for") ?? h.get("x-real-ip")),
    startedAt: Number.isFinite(started) && started > 0 ? started : null,
    prefetch: h.get("next-router-prefetch") === "1" || h.get("purpose") === "prefetch",
  };
}

/** The same for the current page or server action (Next's request headers). */
export async function requestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}

/**
 * State shared by the helpers of one page render (React cache: one object per request):
 * the status the page ends with (404 when a helper refused), whether the view was logged,
 * whether a refusal was already audited (a page may run several refused queries at once).
 */
export const pageRequestState = cache(() => ({ status: 200, logged: false, refusalRecorded: false }));

export type AccessEntry = {
  occurredAt?: Date;
  requestId: string | null;
  method: string;
  path: string;
  userId: string | null;
  status: number | null;
  durationMs: number | null;
  ipPrefix: string | null;
};

/** Inserts one access log row; a failure is logged, never thrown (the response is gone). */
export async function insertAccessLog(entry: AccessEntry): Promise<void> {
  try {
    const db = await getDb();
    await db.accessLog.create({ data: { ...entry, path: pathOnly(entry.path) } });
  } catch (error) {
    logger.error("access_log.write_failed", { requestId: entry.requestId, error });
  }
}

/**
 * Schedules the access log row of this request, written once the response is sent.
 * `status` is read then, so the caller may settle it until the end of the request.
 */
export function logAccess(
  info: RequestInfo,
  actor: Actor,
  method: string,
  status: () => number | null,
): void {
  const write = () =>
    insertAccessLog({
      requestId: info.requestId ?? actor.requestId,
      method,
      path: info.path,
      userId: actor.userId,
      status: status(),
      durationMs: info.startedAt ? Math.max(0, Date.now() - info.startedAt) : null,
      ipPrefix: info.ipPrefix,
    });
  try {
    after(write);
  } catch {
    // Outside a request (a script, a unit test): there is no access to log.
  }
}

/** A signed-in page view (called by requireActor): once per request, prefetches excluded. */
export async function logPageView(actor: Actor): Promise<void> {
  const state = pageRequestState();
  if (state.logged) return;
  state.logged = true;
  const info = await requestInfo();
  if (info.prefetch) return;
  logAccess(info, actor, "GET", () => state.status);
}
