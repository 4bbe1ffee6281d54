// Liveness and readiness: answers 200 once the database answers (the embedded database is
// migrated and seeded on first use), 503 otherwise. Used by the demo and the browser tests.
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logger.error("health.failed", { error });
    return Response.json(
      { status: "indisponible", message: "La base de données ne répond pas." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
