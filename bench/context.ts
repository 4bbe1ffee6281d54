// What the scenarios point at, read from the loaded database: the largest beneficiary and
// its correspondent, a DINUM administrator, the heaviest order of that beneficiary (most
// report rows) with its contractor's correspondent and a certified service-fait record.
// Each role gets a real server-side session (a UserSession row) and the next-auth cookie
// that carries its id, minted with the server's secret: exactly what a sign-in through
// ProConnect leaves behind, without driving the OpenID provider.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import type { Role } from "./scenarios";

export type Persona = { userId: string; membershipId: string; email: string };

export type BenchContext = {
  pool: pg.Pool;
  databaseUrl: string;
  /** The last complete calendar year of the data set (for the one-year scenarios). */
  lastFullYear: number;
  personas: Record<Role, Persona>;
  largestBeneficiary: { id: string; name: string; orders: number };
  /** Last page of that beneficiary's order list (20 per page). */
  deepPage: number;
  largestOrder: {
    id: string;
    number: string;
    contractorId: string;
    reportRows: number;
    serviceFaitId: string | null;
  };
  /** Cookie header per role, once sessions are opened. */
  cookies: Partial<Record<Role, string>>;
  /** The UserSession rows the bench opened (revoked at the end). */
  sessionIds: string[];
};

async function one<T>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await pool.query(sql, params);
  if (!rows[0])
    throw new Error(`Le jeu de données ne contient pas ce qu'il faut pour le banc : ${sql.slice(0, 120)}…`);
  return rows[0] as T;
}

async function persona(
  pool: pg.Pool,
  role: string,
  orgColumn: string,
  orgId: string | null,
): Promise<Persona> {
  return one<Persona>(
    pool,
    `SELECT m."userId"::text AS "userId", m."id"::text AS "membershipId", u."email"
       FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."role" = $1::"Role" AND m."active" AND u."active"
        AND ($2::uuid IS NULL OR m."${orgColumn}" = $2::uuid)
      ORDER BY m."createdAt", m."id" LIMIT 1`,
    [role, orgId],
  );
}

export async function buildContext(pool: pg.Pool, databaseUrl: string): Promise<BenchContext> {
  const ben = await one<{ id: string; name: string; orders: number }>(
    pool,
    `SELECT o."beneficiaryId"::text AS id, b."name", count(*)::int AS orders
       FROM "PurchaseOrder" o JOIN "Beneficiary" b ON b."id" = o."beneficiaryId"
      GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1`,
  );
  const order = await one<{ id: string; number: string; contractorId: string; reportRows: number }>(
    pool,
    `SELECT o."id"::text AS id, o."number", o."contractorId"::text AS "contractorId", count(*)::int AS "reportRows"
       FROM "PurchaseOrder" o
       JOIN "OrderLine" l ON l."orderId" = o."id"
       JOIN "ActivityEntry" e ON e."orderLineId" = l."id"
      WHERE o."beneficiaryId" = $1::uuid AND o."correctsOrderId" IS NULL
        AND o."status" IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED')
      GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT 1`,
    [ben.id],
  );
  const sf = await pool.query(
    `SELECT "id"::text AS id FROM "ServiceFait"
      WHERE "orderId" = $1::uuid AND "decision" IN ('ADMISSION', 'REFACTION')
      ORDER BY "decidedOn" DESC, "id" LIMIT 1`,
    [order.id],
  );
  const year = await one<{ y: number }>(
    pool,
    `SELECT (extract(year FROM max("orderDate")) - 1)::int AS y FROM "PurchaseOrder"`,
  );
  return {
    pool,
    databaseUrl,
    lastFullYear: year.y,
    personas: {
      dinum: await persona(pool, "DINUM", "beneficiaryId", null),
      beneficiary: await persona(pool, "BENEFICIARY", "beneficiaryId", ben.id),
      contractor: await persona(pool, "CONTRACTOR", "contractorId", order.contractorId),
    },
    largestBeneficiary: ben,
    deepPage: Math.max(1, Math.ceil(ben.orders / 20)),
    largestOrder: { ...order, serviceFaitId: (sf.rows[0]?.id as string | undefined) ?? null },
    cookies: {},
    sessionIds: [],
  };
}

/**
 * Opens one server-side session per role and mints its cookie. The portal runs on http://,
 * so next-auth's cookie has no __Secure- prefix.
 */
export async function openSessions(ctx: BenchContext, secret: string, maxAgeHours = 12): Promise<void> {
  for (const [role, p] of Object.entries(ctx.personas) as Array<[Role, Persona]>) {
    const sid = randomBytes(32).toString("base64url");
    await ctx.pool.query(
      `INSERT INTO "UserSession" ("id", "userId", "activeMembershipId", "createdAt", "expiresAt", "lastSeenAt")
       VALUES ($1, $2::uuid, $3::uuid, now(), now() + make_interval(hours => $4), now())`,
      [sid, p.userId, p.membershipId, maxAgeHours],
    );
    ctx.sessionIds.push(sid);
    const token = await encode({ token: { sid }, secret, maxAge: maxAgeHours * 3600 });
    ctx.cookies[role] = `next-auth.session-token=${token}`;
  }
}

/** Signs the bench's sessions out (revoked, like a sign-out), leaving the rows for the record. */
export async function closeSessions(ctx: BenchContext): Promise<void> {
  if (ctx.sessionIds.length === 0) return;
  await ctx.pool.query(`UPDATE "UserSession" SET "revokedAt" = now() WHERE "id" = ANY($1::text[])`, [
    ctx.sessionIds,
  ]);
}
