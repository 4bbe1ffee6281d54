import "server-only";
import { unstable_rethrow } from "next/navigation";
import { logger } from "@/lib/logger";
import { getSessionState, type SessionState } from "@/lib/auth/session";

/**
 * The session for decorative parts of the shell (header, home call to action), which must
 * still render when the database fails: null means "unknown", and the caller shows a
 * neutral version. Pages that need the actor call requireActor() and let errors surface.
 */
export async function readSessionStateSafely(): Promise<SessionState | null> {
  try {
    return await getSessionState();
  } catch (error) {
    // Next's own control-flow errors (dynamic rendering, redirects) must go through.
    unstable_rethrow(error);
    logger.error("shell.session_read_failed", { error });
    return null;
  }
}
