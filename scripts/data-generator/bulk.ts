// Bulk loading without one round trip per row: rows are buffered per table as column
// arrays and sent in batches as ONE statement each,
//   INSERT INTO "T" (cols) SELECT * FROM unnest($1::uuid[], $2::text[], …)
// which PostgreSQL and PGlite both run at close to COPY speed, through any driver that
// takes parameters (node-postgres, or Prisma's raw queries in the tests).

/** Runs one parameterised statement (pg.Client#query, PGlite#query, Prisma $executeRawUnsafe…). */
export type Exec = (sql: string, params: unknown[]) => Promise<unknown>;

/** Column name → PostgreSQL type of the parameter array's elements (e.g. "uuid", "\"OrderStatus\""). */
export type Columns = Record<string, string>;

export type Cell = string | number | boolean | bigint | null;

/** Types whose text never needs quoting inside an array literal (no comma, brace, quote or space). */
const BARE = /^(uuid|int[248]|numeric|date|timestamptz|boolean|"[A-Za-z]+")$/;

const quote = (v: string) => `"${v.includes('"') || v.includes("\\") ? v.replace(/[\\"]/g, "\\$&") : v}"`;

export class TableBuffer {
  readonly table: string;
  private readonly names: string[];
  private readonly bare: boolean[];
  private readonly sql: string;
  /** Per column, its elements already written as array-literal items. */
  private cols: string[][];
  private count = 0;
  /** Rows written so far (flushed). */
  written = 0;

  constructor(
    table: string,
    columns: Columns,
    private readonly sink: Loader,
    private readonly batchSize = 5_000,
  ) {
    this.table = table;
    this.names = Object.keys(columns);
    const types = Object.values(columns);
    this.bare = types.map((t) => BARE.test(t));
    const list = this.names.map((n) => `"${n}"`).join(", ");
    const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
    this.sql = `INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${params})`;
    this.cols = this.names.map(() => []);
  }

  /** Values in the order of the columns given to the constructor. */
  async push(...values: Cell[]): Promise<void> {
    if (values.length !== this.names.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.names.length} columns`);
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const item =
        v === null || v === undefined
          ? "NULL"
          : typeof v === "boolean"
            ? v
              ? "t"
              : "f"
            : this.bare[i]
              ? String(v)
              : quote(String(v));
      (this.cols[i] as string[]).push(item);
    }
    this.count++;
    if (this.count >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.count === 0) return;
    // Each column as ONE PostgreSQL array literal ('{a,NULL,"b c"}'): every driver passes a
    // string through unchanged, whereas their own array serialisers differ (PGlite does
    // not know the array types of enums).
    const params = this.cols.map((c) => `{${c.join(",")}}`);
    const n = this.count;
    this.cols = this.names.map(() => []);
    this.count = 0;
    await this.sink.exec(this.sql, params);
    this.written += n;
  }
}

/**
 * Owns the table buffers. Up to `maxInFlight` batches may be on their way while the next
 * rows are generated, so the database works while JavaScript builds the next batch (a
 * single pg.Client runs them in order; use 1 for clients that cannot queue statements).
 */
export class Loader {
  private readonly tables: TableBuffer[] = [];
  private readonly inFlight: Promise<unknown>[] = [];
  private failure: unknown = null;

  constructor(
    private readonly run: Exec,
    private readonly maxInFlight = 1,
  ) {}

  async exec(sql: string, params: unknown[]): Promise<void> {
    if (this.failure) throw this.failure;
    const p = this.run(sql, params).catch((e: unknown) => {
      this.failure ??= e;
    });
    this.inFlight.push(p);
    while (this.inFlight.length >= this.maxInFlight) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  /** Waits for every batch sent; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  table(name: string, columns: Columns, batchSize?: number): TableBuffer {
    const t = new TableBuffer(name, columns, this, batchSize);
    this.tables.push(t);
    return t;
  }

  async flushAll(): Promise<void> {
    for (const t of this.tables) await t.flush();
    await this.drain();
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.tables.map((t) => [t.table, t.written]));
  }
}
