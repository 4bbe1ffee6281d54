// For pages: a record that is missing, out of the person's scope or forbidden to their role
// shows the 404 page, so the page reveals nothing (not even that the record exists). The
// refusal is audited ("access.refused", once per page request: lib/audit/refusals.ts) and
// the page's access log row gets the 404 status.
import "server-only";
import { notFound } from "next/navigation";
import { pageRequestState, requestInfo } from "@/lib/access-log/record";
import { idInPath } from "@/lib/access-log/rules";
import { isRefusal, recordRefusal } from "@/lib/audit/refusals";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { type AppError, forbidden } from "@/lib/errors";

async function refusedPage(actor: Actor | null, error: AppError): Promise<never> {
  const state = pageRequestState();
  state.status = 404;
  if (actor && !state.refusalRecorded) {
    state.refusalRecorded = true;
    const { path } = await requestInfo();
    await recordRefusal(actor, error, { operation: `GET ${path}`, entityId: idInPath(path) });
  }
  notFound();
}

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (isRefusal(e)) return refusedPage(await getActor(), e);
    throw e;
  }
}

/**
 * For a page its role may not open (a form to create what it may not create): the 404 page,
 * and the refusal audited like any other.
 */
export async function refusePage(actor: Actor): Promise<never> {
  return refusedPage(actor, forbidden());
}

/** A search param as one string ("" when absent or repeated oddly). */
export function param(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
