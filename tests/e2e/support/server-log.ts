// The portal's log during a browser run: playwright.config.ts keeps the server's output in
// .data/e2e/server.log. The portal writes one JSON object per line (lib/logger.ts); Next's
// own banner lines are not JSON and are skipped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

export const SERVER_LOG = path.join(process.cwd(), ".data", "e2e", "server.log");

export type LogLine = Record<string, unknown> & { level: string; event: string };

/** Every line of the log, as written (JSON or not). */
export function serverLogLines(): string[] {
  return readFileSync(SERVER_LOG, "utf8").split("\n").filter(Boolean);
}

/** The portal's JSON lines. */
export function serverLogEntries(): LogLine[] {
  return serverLogLines().flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** Waits (bounded) for the log line carrying this request id, and returns it. */
export async function logLineOf(requestId: string): Promise<LogLine> {
  let found: LogLine | undefined;
  await expect
    .poll(
      () => {
        found = serverLogEntries().find((l) => l.requestId === requestId);
        return found !== undefined;
      },
      { message: `une ligne du journal du serveur porte l'identifiant ${requestId}` },
    )
    .toBe(true);
  return found as LogLine;
}
