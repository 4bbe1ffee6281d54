// Fix for prisma#27403: adapter-pg 6.19 cannot deserialize the `name` (19) and `"char"` (18)
// column types that the schema engine's catalog queries return. Remapping them to `text`
// in a pg.Client subclass reaches every pool adapter-pg creates (including the shadow one).
import pg from "pg";

const REMAP: Record<number, number> = { 18: 25, 19: 25 };

type Field = { dataTypeID: number };
function patchResult<T>(res: T): T {
  const results = (Array.isArray(res) ? res : [res]) as Array<{ fields?: Field[] } | null>;
  for (const r of results) {
    for (const f of r?.fields ?? []) {
      const to = REMAP[f.dataTypeID];
      if (to !== undefined) f.dataTypeID = to;
    }
  }
  return res;
}

export class OidCompatClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads.
  override query(...args: any[]): any {
    const i = args.findLastIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i];
      args[i] = (e: unknown, r: unknown) => cb(e, e ? r : patchResult(r));
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const ret = (super.query as any)(...args);
    return ret && typeof ret.then === "function" ? ret.then(patchResult) : ret;
  }
}
