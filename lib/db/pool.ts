// The PostgreSQL connection pool behind Prisma (DATABASE_URL set), made to survive a
// database that restarts or drops connections while the portal runs:
//  - waiting for a connection is bounded (CONNECT_TIMEOUT_MS): during an outage a request
//    fails quickly with a clear error instead of hanging;
//  - a connection that dies while idle (server restart, network cut) makes the pool emit
//    "error"; it is logged, and never crashes the process (Node kills a process on an
//    unhandled "error" event);
//  - a connection that dies inside a transaction is given back to the pool at once, which
//    destroys it. Prisma 6.19 otherwise leaks it: on rollback it first sends ROLLBACK, and
//    when that fails on the dead connection it never releases the client, so each lost
//    connection takes one slot of the pool for good and, after DATABASE_POOL_SIZE of them,
//    every request waits forever (tests/integration/database-faults.test.ts);
//  - the same when COMMIT or ROLLBACK fails on a live connection: the connection is
//    destroyed, as its transaction state is unknown.
// Dead connections are dropped, new ones are opened on demand: once PostgreSQL is back the
// same client works again, without restarting the portal.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { logger } from "@/lib/logger";

/** Longest wait for a connection (opening one, or a free slot in the pool). */
export const CONNECT_TIMEOUT_MS = 5_000;

export type PgPoolSettings = {
  connectionString: string;
  max: number;
  connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, so an operator can tell the portal's connections apart. */
  applicationName?: string;
};

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

export function createPgPool(settings: PgPoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.max,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: settings.applicationName ?? "commandes-beta-gouv",
  });
  pool.on("error", (error) => {
    logger.warn("db.idle_connection_lost", { reason: error.message });
  });
  return pool;
}

/** Prisma's adapter on a pool made by createPgPool; the pool is closed with the client. */
export function createPgAdapter(settings: PgPoolSettings): PrismaPg {
  return resilientAdapter(createPgPool(settings));
}

/** Prisma's adapter on the given pool (tests watch the pool's counters). */
export function resilientAdapter(pool: pg.Pool): PrismaPg {
  return new ResilientPrismaPg(pool, { disposeExternalPool: true });
}

class ResilientPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      releaseWhenLost(await startTransaction(isolationLevel));
    return adapter;
  }
}

/**
 * The pool client of a transaction goes back to the pool exactly once: at commit or
 * rollback as usual, or as soon as its connection ends or its COMMIT/ROLLBACK fails (with
 * the error, so the pool destroys it instead of reusing it).
 */
function releaseWhenLost(tx: Transaction): Transaction {
  // PgTransaction keeps its pool client in `client` (adapter-pg 6.19).
  const conn = (tx as unknown as { client: pg.PoolClient }).client;
  const poolRelease = conn.release.bind(conn);
  let released = false;
  const releaseOnce = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    conn.removeListener("end", onEnd);
    poolRelease(err);
  };
  const onEnd = () =>
    releaseOnce(new Error("Connexion à la base de données perdue pendant une transaction."));
  conn.on("end", onEnd);
  conn.release = releaseOnce;

  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
        releaseOnce(e instanceof Error ? e : new Error(String(e)));
      }
      throw e;
    }
  };
  return tx;
}
