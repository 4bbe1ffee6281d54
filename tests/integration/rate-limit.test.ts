// Rate limits shared through the database (lib/security/rate-limit.ts): exact under
// concurrency (on a real PostgreSQL server in `npm test`), per user and per IP, windows that
// reset, old buckets purged, and the sign-in route answering 429 in French.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { resetEnvCache } from "@/lib/env";
import { checkRateLimit, hitBucket, purgeExpiredBuckets } from "@/lib/security/rate-limit";
import { createTestDb, onPostgres, type TestDb } from "../support/db";

let t: TestDb;
const SETTINGS = [
  "RATE_LIMIT_SIGNIN_PER_IP",
  "RATE_LIMIT_EXPORT_PER_USER",
  "RATE_LIMIT_EXPORT_PER_IP",
  "TRUST_PROXY",
];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await createTestDb();
  for (const key of SETTINGS) saved[key] = process.env[key];
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  for (const key of SETTINGS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
});

function settings(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetEnvCache();
}

const unique = () => `test:${Math.random().toString(36).slice(2)}`;

describe("the database store", () => {
  it("counts hits in the window and refuses beyond the limit, saying when to come back", async () => {
    const key = unique();
    const now = new Date("2026-03-02T10:15:42.000Z");
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await hitBucket(key, 3, { now }));
    expect(hits.map((h) => [h.count, h.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(hits[3]?.retryAfterSeconds).toBe(18);
    // The next window starts afresh.
    expect(await hitBucket(key, 3, { now: new Date("2026-03-02T10:16:00.000Z") })).toMatchObject({
      count: 1,
      allowed: true,
    });
  });

  it(`lets exactly the limit through when hits arrive in parallel (${onPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const key = unique();
    const limit = 10;
    const n = 40;
    const now = new Date();
    const results = await Promise.all(Array.from({ length: n }, () => hitBucket(key, limit, { now })));
    expect(results.filter((r) => r.allowed)).toHaveLength(limit);
    // Every hit got its own rank: none was lost.
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
    const rows = await t.db.rateLimitBucket.findMany({ where: { key } });
    expect(rows.map((r) => r.count)).toEqual([n]);
  });

  it("purges the buckets of finished windows and keeps the current one", async () => {
    const old = unique();
    const current = unique();
    const now = new Date();
    await hitBucket(old, 5, { now: new Date(now.getTime() - 10 * 60_000) });
    await hitBucket(current, 5, { now });
    expect(await purgeExpiredBuckets(now)).toBeGreaterThanOrEqual(1);
    expect(await t.db.rateLimitBucket.count({ where: { key: old } })).toBe(0);
    expect(await t.db.rateLimitBucket.count({ where: { key: current } })).toBe(1);
  });
});

describe("limits per user and per IP", () => {
  it("counts each user and each address separately, and stores no address in clear", async () => {
    settings({ RATE_LIMIT_EXPORT_PER_USER: "2", RATE_LIMIT_EXPORT_PER_IP: "4" });
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const [alice, bob] = [unique(), unique()];
    expect((await checkRateLimit("export", { userKey: alice, ip })).allowed).toBe(true);
    expect((await checkRateLimit("export", { userKey: alice, ip })).allowed).toBe(true);
    expect(await checkRateLimit("export", { userKey: alice, ip })).toMatchObject({
      allowed: false,
      scope: "user",
      action: "export",
    });
    // Bob, from the same address, still gets one — the address's fourth (every attempt
    // counts for the address, the refused one too) and last.
    expect((await checkRateLimit("export", { userKey: bob, ip })).allowed).toBe(true);
    expect(await checkRateLimit("export", { userKey: bob, ip })).toMatchObject({
      allowed: false,
      scope: "ip",
    });
    // From elsewhere, Bob is fine.
    expect((await checkRateLimit("export", { userKey: bob, ip: "203.0.113.1" })).allowed).toBe(true);

    const keys = (await t.db.rateLimitBucket.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys.some((k) => k.includes(ip))).toBe(false);
    expect(keys).toContain(`export:user:${alice}`);
  });
});

describe("sign-in route", () => {
  const context = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
  const request = (
    p: string,
    ip: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    new NextRequest(`http://localhost:3999/api/auth/${p}`, {
      ...init,
      headers: { "x-forwarded-for": ip, ...init.headers },
    });

  it("answers 429 in French, with Retry-After, once an address has used up its sign-in attempts", async () => {
    settings({ RATE_LIMIT_SIGNIN_PER_IP: "2" });
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    // Two attempts already counted for this address (the route counts before next-auth runs).
    for (let i = 0; i < 2; i++) expect((await checkRateLimit("signin", { ip })).allowed).toBe(true);

    // The ProConnect callback (a browser navigation): plain French text.
    const back = await authGet(
      request("callback/proconnect?code=x&state=y", ip),
      context("callback", "proconnect"),
    );
    expect(back.status).toBe(429);
    expect(Number(back.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(back.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await back.text()).toMatch(
      /^Trop de tentatives de connexion en peu de temps\. .*patientez \d+ secondes?/,
    );

    // The sign-in button (next-auth's client posts and follows `url`): back to the sign-in
    // page, which explains.
    const start = await authPost(
      request("signin/proconnect", ip, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "csrfToken=x&callbackUrl=%2Fespace&json=true",
      }),
      context("signin", "proconnect"),
    );
    expect(start.status).toBe(429);
    expect(start.headers.get("retry-after")).toBeTruthy();
    const body = (await start.json()) as { url: string; message: string };
    expect(body.url).toBe("/connexion?error=RateLimited");
    expect(body.message).toMatch(/^Trop de tentatives de connexion/);
  });

  it("counts per address: another address is not affected", async () => {
    settings({ RATE_LIMIT_SIGNIN_PER_IP: "1" });
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    expect((await checkRateLimit("signin", { ip })).allowed).toBe(true);
    expect((await checkRateLimit("signin", { ip })).allowed).toBe(false);
    expect((await checkRateLimit("signin", { ip: "2001:db8::42" })).allowed).toBe(true);
  });
});

describe("inventory", () => {
  it("every download route (exports, zips, PDFs) goes through a rate limit", () => {
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name === "route.ts" && /export|pdf|\.zip|\.csv|\.xlsx/i.test(path.dirname(p)))
          routes.push(p);
      }
    };
    walk(path.resolve("app"));
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const unlimited = routes.filter(
      (file) => !/\b(exportRoute|handleDownload|refuseIfRateLimited)\(/.test(fs.readFileSync(file, "utf8")),
    );
    expect(unlimited.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });
});
