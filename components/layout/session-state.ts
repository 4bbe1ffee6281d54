import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getSessionState, type SessionState } from "@/lib/auth/session";
import { logger } from "@/lib/logger";

/** Past this delay the shell renders without the account part rather than hold the page. */
const SHELL_SESSION_TIMEOUT_MS = 3_000;

/**
 * The session for decorative parts of the shell (header, home call to action), which must
 * still render when the database is slow or failing: null means "unknown", and the caller
 * shows a neutral version. Pages that need the actor call requireActor() and let errors
 * surface.
 *
 * Why a time limit and not a Suspense boundary: DSFR's script starts when the page
 * hydrates and decorates the header's DOM; a header streamed in later would then no longer
 * match what React renders (hydration mismatch on every page).
 */
export async function readSessionStateSafely(): Promise<SessionState | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), SHELL_SESSION_TIMEOUT_MS);
  });
  try {
    // getSessionState is cached per request: the page reuses this same read.
    const result = await Promise.race([getSessionState(), timeout]);
    if (result === "timeout") {
      logger.warn("shell.session_read_slow", { timeoutMs: SHELL_SESSION_TIMEOUT_MS });
      return null;
    }
    return result;
  } catch (error) {
    // Next's own control-flow errors (dynamic rendering, redirects) must go through.
    unstable_rethrow(error);
    logger.error("shell.session_read_failed", { error });
    return null;
  } finally {
    clearTimeout(timer);
  }
}
