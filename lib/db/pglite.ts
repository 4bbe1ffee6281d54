import { PGlite } from "@electric-sql/pglite";

/** PGlite re-arms a 10 s timer forever unless this is off, keeping processes alive (STACK.md P10). */
export const pgliteStartParams = [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"];
