// For pages: a record that is missing, out of the person's scope or forbidden to their role
// shows the 404 page, so the page reveals nothing (not even that the record exists).
import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}

/** A search param as one string ("" when absent or repeated oddly). */
export function param(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
