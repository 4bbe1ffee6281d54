// Runs once when the server starts (Next.js instrumentation hook). In the Node.js runtime
// it schedules the order lifecycle sweep (start dates reached, periods ended): at start,
// then every hour. The sweep is idempotent and safe to run on several instances at once
// (each transition is a conditional UPDATE).
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runLifecycleSweep } = await import("@/lib/orders/lifecycle");
  const HOUR = 60 * 60 * 1000;
  const first = setTimeout(() => void runLifecycleSweep(), 15_000);
  first.unref?.();
  const every = setInterval(() => void runLifecycleSweep(), HOUR);
  every.unref?.();
}

/** Unexpected errors of pages, routes and actions: one JSON line with request id and digest. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/request-errors");
  logRequestError(error, request, context);
};
