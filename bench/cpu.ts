// CPU time used while a scenario runs, by the portal's processes and by the database
// sessions of the bench database (when PostgreSQL runs on this machine): a figure that does
// not depend on what else the machine is doing, unlike latencies on a shared machine.
import fs from "node:fs";
import type pg from "pg";

const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of the portal's processes, and of each database session (pid → seconds). */
export type CpuSample = { server: number; db: Map<number, number> | null };

/**
 * Database CPU seconds between two samples, session by session: a session opened meanwhile
 * counts from zero; one closed meanwhile is left out (its last seconds are not seen), so
 * the figure may be a little low, never negative.
 */
export function dbSecondsBetween(before: CpuSample, after: CpuSample): number | null {
  if (!before.db || !after.db) return null;
  let total = 0;
  for (const [pid, seconds] of after.db) total += Math.max(0, seconds - (before.db.get(pid) ?? 0));
  return total;
}

export class CpuMeter {
  constructor(
    private readonly serverPids: () => number[],
    private readonly pool: pg.Pool,
    private readonly database: string,
  ) {}

  async sample(): Promise<CpuSample> {
    const server = this.serverPids().reduce((a, pid) => a + cpuSecondsOf(pid), 0);
    let db: Map<number, number> | null = null;
    try {
      const { rows } = await this.pool.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [this.database],
      );
      if (rows.length && fs.existsSync(`/proc/${rows[0].pid}/stat`)) {
        db = new Map(rows.map((r) => [r.pid as number, cpuSecondsOf(r.pid as number)]));
      }
    } catch {
      db = null;
    }
    return { server, db };
  }
}
