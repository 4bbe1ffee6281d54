// Migration-only PostgreSQL adapter for the Prisma CLI (STACK.md P11–P13): discrete
// connection fields so the shadow database really is a separate database, and the shadow
// pool is closed before the shadow database is dropped.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";
import { OidCompatClient } from "./pg-compat";

/**
 * adapter-pg 6.19 runs a migration script by splitting it on ";" (STACK.md P26), which
 * breaks plpgsql bodies. pg's simple-query protocol runs a whole multi-statement script
 * in one round trip, exactly as psql would.
 */
function wholeScripts<T extends object>(adapter: T): T {
  // biome-ignore lint/suspicious/noExplicitAny: patches a private member of the adapter.
  const a = adapter as any;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

export function createMigrationAdapter(url: string) {
  const { host, port, user, password, database } = parse(url);
  const base: pg.PoolConfig = {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    Client: OidCompatClient,
    allowExitOnIdle: true,
  };
  class PrismaPgForMigrations extends PrismaPg {
    override async connect() {
      return wholeScripts(await super.connect());
    }
    override async connectToShadowDb() {
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ ...base, database: database ?? undefined });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter = wholeScripts(await new PrismaPg({ ...base, database: name }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.end();
      };
      return adapter;
    }
  }
  return new PrismaPgForMigrations({ ...base, database: database ?? undefined });
}
