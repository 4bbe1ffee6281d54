// Runs once when the server starts (Next.js instrumentation hook). In the Node.js runtime
// it schedules:
//   - the order lifecycle sweep (start dates reached, periods ended): at start, then every
//     hour. Idempotent and safe on several instances at once (conditional UPDATEs);
//   - the retention job (lib/retention/job.ts: access logs and ended sessions older than
//     ACCESS_LOG_RETENTION_MONTHS, and the daily audit chain head in the logs): a minute
//     after start, then every day. Idempotent too (DELETE … older than the cutoff).
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runLifecycleSweep } = await import("@/lib/orders/lifecycle");
  const { runRetentionSafely } = await import("@/lib/retention/job");
  const HOUR = 60 * 60 * 1000;
  const first = setTimeout(() => void runLifecycleSweep(), 15_000);
  first.unref?.();
  const every = setInterval(() => void runLifecycleSweep(), HOUR);
  every.unref?.();
  const firstPurge = setTimeout(() => void runRetentionSafely(), 60_000);
  firstPurge.unref?.();
  const daily = setInterval(() => void runRetentionSafely(), 24 * HOUR);
  daily.unref?.();
}

/** Unexpected errors of pages, routes and actions: one JSON line with request id and digest. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/request-errors");
  logRequestError(error, request, context);
};
