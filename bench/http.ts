// HTTP load with autocannon (each response's latency recorded, so p50 and p95 are exact),
// a probe before each scenario, and the server's resident memory sampled from /proc.
import fs from "node:fs";
import { createRequire } from "node:module";

type AutocannonResult = { requests: { total: number }; non2xx: number; errors: number; timeouts: number };
type AutocannonInstance = {
  on: (event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void) => void;
};
type Autocannon = ((
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance) & { track?: unknown };

// autocannon ships no types: required untyped, used through the two calls above.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export type Probe = {
  status: number;
  contentType: string;
  bytes: number;
  location: string | null;
  ms: number;
};

export async function probe(url: string, cookie: string): Promise<Probe> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.arrayBuffer();
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    bytes: body.byteLength,
    location: res.headers.get("location"),
    ms: performance.now() - t,
  };
}

export type LoadResult = {
  latenciesMs: number[];
  requests: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  seconds: number;
};

export function load(
  url: string,
  cookie: string,
  opts: { connections: number; seconds: number; amount?: number },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        // A fixed number of requests for pages too slow to fill a duration meaningfully.
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
        headers: { cookie },
        // Seconds: a slow page is measured, not counted as an error.
        timeout: 600,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          latenciesMs: latencies,
          requests: result.requests.total,
          errors: result.non2xx + result.errors + result.timeouts,
          seconds: (performance.now() - started) / 1000,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** Resident memory of a process and its descendants, sampled every `everyMs`. */
export class RssSampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private pids: number[] = [];
  private lastTree = 0;
  peakBytes = 0;
  /** Peak since the last mark (per scenario). */
  windowPeakBytes = 0;

  constructor(
    private readonly rootPid: number,
    private readonly everyMs = 100,
  ) {}

  private tree(): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const list = children.get(ppid) ?? [];
        list.push(Number(entry));
        children.set(ppid, list);
      } catch {
        // the process ended meanwhile
      }
    }
    const out: number[] = [];
    const stack = [this.rootPid];
    while (stack.length) {
      const pid = stack.pop() as number;
      out.push(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    return out;
  }

  sample(): number {
    const now = Date.now();
    if (now - this.lastTree > 5_000) {
      this.pids = this.tree();
      this.lastTree = now;
    }
    let total = 0;
    for (const pid of this.pids) {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) total += Number(m[1]) * 1024;
      } catch {
        // gone
      }
    }
    this.peakBytes = Math.max(this.peakBytes, total);
    this.windowPeakBytes = Math.max(this.windowPeakBytes, total);
    return total;
  }

  /** The processes measured (the portal and its children). */
  processes(): number[] {
    return this.pids.length ? this.pids : [this.rootPid];
  }

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref?.();
  }

  mark(): number {
    const peak = this.windowPeakBytes;
    this.windowPeakBytes = 0;
    return peak;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
