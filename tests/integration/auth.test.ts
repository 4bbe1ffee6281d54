// Signing in, server-side sessions and switching space, on a real database with the real
// migrations (the data layer reads it through getDb()).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/client";
import { findUserForSignIn, openSession, revokeSession, switchMembership } from "@/lib/auth/mutations";
import { loadActor, resolveSession } from "@/lib/auth/queries";
import { isSessionUsable } from "@/lib/auth/rules";
import { isAppError } from "@/lib/errors";
import { createTestDb, type TestDb } from "../support/db";
import { makeBeneficiary, makeContractor } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const IDLE_MINUTES = 120;
const short = () => randomUUID().slice(0, 8);

/** A person with the given memberships (all active unless said otherwise). */
async function makePerson(
  memberships: Array<{ role: Role; beneficiaryId?: string; contractorId?: string; active?: boolean }>,
  data: { email?: string; active?: boolean } = {},
) {
  const user = await t.db.user.create({
    data: {
      email: data.email ?? `agent.${short()}@test.gouv.fr`,
      givenName: "Camille",
      usualName: "Agent",
      active: data.active ?? true,
    },
  });
  const ms = [];
  for (const m of memberships) {
    ms.push(
      await t.db.membership.create({
        data: {
          userId: user.id,
          role: m.role,
          beneficiaryId: m.beneficiaryId ?? null,
          contractorId: m.contractorId ?? null,
          active: m.active ?? true,
        },
      }),
    );
  }
  return { user, memberships: ms };
}

async function auditEvents(action: string, entityId: string) {
  return t.db.auditEvent.findMany({ where: { action, entityId }, orderBy: { id: "asc" } });
}

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("signing in", () => {
  it("finds the user by normalized email", async () => {
    const ben = await makeBeneficiary(t.db);
    const email = `paul.durand.${short()}@travail.gouv.fr`;
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }], { email });
    const messy = `  ${email.replace("paul.durand", "Paul.Durand").replace("travail.gouv.fr", "Travail.GOUV.fr")} `;
    expect(await findUserForSignIn(messy)).toEqual({ allowed: true, userId: user.id });
    expect(await auditEvents("auth.signInRefused", user.id)).toHaveLength(0);
  });

  it("refuses and audits an unknown email", async () => {
    const email = `inconnu.${short()}@exemple.gouv.fr`;
    expect(await findUserForSignIn(` ${email.toUpperCase()}`, { requestId: "req-unknown" })).toEqual({
      allowed: false,
      reason: "unknown-user",
    });
    const [event] = await auditEvents("auth.signInRefused", email);
    expect(event).toMatchObject({ actorUserId: null, entityType: "User", entityId: email });
    expect(event?.after).toMatchObject({ email, reason: "unknown-user", requestId: "req-unknown" });
  });

  it("refuses and audits a missing email", async () => {
    expect(await findUserForSignIn(undefined)).toEqual({ allowed: false, reason: "missing-email" });
  });

  it("refuses and audits a deactivated user", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }], { active: false });
    expect(await findUserForSignIn(user.email)).toEqual({ allowed: false, reason: "inactive-user" });
    expect(await auditEvents("auth.signInRefused", user.id)).toHaveLength(1);
  });

  it("refuses and audits a user without any active membership", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id, active: false }]);
    expect(await findUserForSignIn(user.email)).toEqual({ allowed: false, reason: "no-active-membership" });
    expect(await auditEvents("auth.signInRefused", user.id)).toHaveLength(1);
  });

  it("refuses a user whose only organisation was deactivated", async () => {
    const con = await makeContractor(t.db);
    const { user } = await makePerson([{ role: "CONTRACTOR", contractorId: con.id }]);
    await t.db.contractor.update({ where: { id: con.id }, data: { active: false } });
    expect(await findUserForSignIn(user.email)).toEqual({ allowed: false, reason: "no-active-membership" });
  });

  it("stores the OIDC subject at the first sign-in and opens a session of at most 12 hours", async () => {
    const dinum = await makeBeneficiary(t.db, { isDinum: true });
    const { user, memberships } = await makePerson([
      { role: "BENEFICIARY", beneficiaryId: dinum.id },
      { role: "DINUM", beneficiaryId: dinum.id },
    ]);
    const sub = `sub-${short()}`;
    const before = Date.now();
    const opened = await openSession({ userId: user.id, sub, idToken: "id.token.value", requestId: "req-1" });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;

    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.oidcSub).toBe(sub);
    expect(stored.lastSignInAt).not.toBeNull();
    expect(stored.version).toBe(user.version);

    expect(opened.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: opened.sid } });
    expect(row.userId).toBe(user.id);
    expect(row.idToken).toBe("id.token.value");
    expect(row.revokedAt).toBeNull();
    expect(row.expiresAt.getTime()).toBeGreaterThan(before);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000);
    // Same order as loadActor: the DINUM membership comes first.
    expect(row.activeMembershipId).toBe(memberships[1]?.id);

    const [event] = await auditEvents("auth.signIn", user.id);
    expect(event).toMatchObject({ actorUserId: user.id, actorRole: "DINUM", requestId: "req-1" });

    // Signing in again with the same subject is fine and opens another session.
    expect(await findUserForSignIn(user.email, { sub })).toEqual({ allowed: true, userId: user.id });
    const again = await openSession({ userId: user.id, sub, idToken: null });
    expect(again.ok).toBe(true);
  });

  it("refuses a different subject for the same email, and audits it", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    expect((await openSession({ userId: user.id, sub: `first-${short()}`, idToken: null })).ok).toBe(true);

    const other = `other-${short()}`;
    expect(await findUserForSignIn(user.email, { sub: other })).toEqual({
      allowed: false,
      reason: "subject-mismatch",
    });
    expect(await openSession({ userId: user.id, sub: other, idToken: null })).toEqual({
      ok: false,
      reason: "subject-mismatch",
    });
    expect(await t.db.userSession.count({ where: { userId: user.id } })).toBe(1);
    expect(await auditEvents("auth.signInRefused", user.id)).toHaveLength(2);
  });

  it("refuses a subject already bound to another person", async () => {
    const ben = await makeBeneficiary(t.db);
    const sub = `shared-${short()}`;
    const { user: first } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    expect((await openSession({ userId: first.id, sub, idToken: null })).ok).toBe(true);
    const { user: second } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    expect(await findUserForSignIn(second.email, { sub })).toEqual({
      allowed: false,
      reason: "subject-mismatch",
    });
    expect(await openSession({ userId: second.id, sub, idToken: null })).toEqual({
      ok: false,
      reason: "subject-mismatch",
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: second.id } })).oidcSub).toBeNull();
  });
});

describe("server-side sessions", () => {
  it("gives the actor while the session is usable, nothing after sign-out", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    const opened = await openSession({ userId: user.id, sub: `s-${short()}`, idToken: "header.claims.sig" });
    if (!opened.ok) throw new Error("session not opened");

    const state = await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES, requestId: "req-2" });
    expect(state.kind).toBe("signed-in");
    if (state.kind === "signed-in") {
      expect(state.actor).toMatchObject({ userId: user.id, sessionId: opened.sid, requestId: "req-2" });
    }

    // The id_token comes back once, for the provider's end-session call, and leaves the row.
    expect(await revokeSession(opened.sid)).toEqual({ revoked: true, idToken: "header.claims.sig" });
    expect(await revokeSession(opened.sid)).toEqual({ revoked: false, idToken: null });
    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: opened.sid } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.idToken).toBeNull();
    expect(isSessionUsable(row, new Date(), IDLE_MINUTES)).toBe(false);
    expect(await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES })).toEqual({
      kind: "anonymous",
    });
    expect(await auditEvents("auth.signOut", user.id)).toHaveLength(1);
  });

  it("ends an idle or expired session, and ignores an unknown id", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    const opened = await openSession({ userId: user.id, sub: `s-${short()}`, idToken: null });
    if (!opened.ok) throw new Error("session not opened");
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    expect((await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES, now: later(119) })).kind).toBe(
      "signed-in",
    );
    // That request refreshed lastSeenAt: idle time counts from it.
    expect((await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES, now: later(200) })).kind).toBe(
      "signed-in",
    );
    expect((await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES, now: later(400) })).kind).toBe(
      "anonymous",
    );
    expect((await resolveSession({ sid: opened.sid, idleMinutes: 10_000, now: later(13 * 60) })).kind).toBe(
      "anonymous",
    );
    expect((await resolveSession({ sid: "nope", idleMinutes: IDLE_MINUTES })).kind).toBe("anonymous");
  });

  it("falls back to another membership when the active one is withdrawn, to no access when none is left", async () => {
    const benA = await makeBeneficiary(t.db);
    const con = await makeContractor(t.db);
    const { user, memberships } = await makePerson([
      { role: "CONTRACTOR", contractorId: con.id },
      { role: "BENEFICIARY", beneficiaryId: benA.id },
    ]);
    const [contractorM, beneficiaryM] = memberships;
    const opened = await openSession({ userId: user.id, sub: `s-${short()}`, idToken: null });
    if (!opened.ok) throw new Error("session not opened");
    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: opened.sid } });
    expect(row.activeMembershipId).toBe(contractorM?.id);

    await t.db.membership.update({ where: { id: contractorM?.id }, data: { active: false } });
    const actor = await loadActor({ userId: user.id, membershipId: contractorM?.id });
    expect(actor?.membership.id).toBe(beneficiaryM?.id);
    expect(actor?.memberships.map((m) => m.id)).toEqual([beneficiaryM?.id]);
    const state = await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES });
    expect(state.kind === "signed-in" && state.actor.membership.id).toBe(beneficiaryM?.id);

    await t.db.membership.update({ where: { id: beneficiaryM?.id }, data: { active: false } });
    expect(await loadActor({ userId: user.id, membershipId: beneficiaryM?.id })).toBeNull();
    expect(await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES })).toEqual({
      kind: "no-access",
      email: user.email,
    });
  });

  it("shuts a deactivated user out on the next request", async () => {
    const ben = await makeBeneficiary(t.db);
    const { user } = await makePerson([{ role: "BENEFICIARY", beneficiaryId: ben.id }]);
    const opened = await openSession({ userId: user.id, sub: `s-${short()}`, idToken: null });
    if (!opened.ok) throw new Error("session not opened");
    await t.db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES })).kind).toBe("no-access");
  });
});

describe("switching membership", () => {
  async function signedIn() {
    const ben = await makeBeneficiary(t.db);
    const con = await makeContractor(t.db);
    const person = await makePerson([
      { role: "CONTRACTOR", contractorId: con.id },
      { role: "BENEFICIARY", beneficiaryId: ben.id },
    ]);
    const opened = await openSession({ userId: person.user.id, sub: `s-${short()}`, idToken: null });
    if (!opened.ok) throw new Error("session not opened");
    const state = await resolveSession({ sid: opened.sid, idleMinutes: IDLE_MINUTES });
    if (state.kind !== "signed-in") throw new Error("not signed in");
    return { ...person, sid: opened.sid, actor: state.actor };
  }

  it("switches to another active membership of the same person, and audits it", async () => {
    const { user, memberships, sid, actor } = await signedIn();
    const target = memberships[1]?.id as string;
    const { membership } = await switchMembership({ actor, membershipId: target });
    expect(membership.role).toBe("BENEFICIARY");
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: sid } })).activeMembershipId).toBe(
      target,
    );
    const state = await resolveSession({ sid, idleMinutes: IDLE_MINUTES });
    expect(state.kind === "signed-in" && state.actor.membership.id).toBe(target);
    const [event] = await auditEvents("auth.switchMembership", user.id);
    expect(event?.before).toMatchObject({ membershipId: memberships[0]?.id, role: "CONTRACTOR" });
    expect(event?.after).toMatchObject({ membershipId: target, role: "BENEFICIARY" });
  });

  it("answers not found for a membership of someone else", async () => {
    const { actor, sid } = await signedIn();
    const other = await signedIn();
    const e = await errorOf(switchMembership({ actor, membershipId: other.memberships[1]?.id as string }));
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: sid } })).activeMembershipId).toBe(
      actor.membership.id,
    );
  });

  it("answers not found for a membership withdrawn since the page was loaded", async () => {
    const { actor, memberships } = await signedIn();
    const target = memberships[1]?.id as string;
    await t.db.membership.update({ where: { id: target }, data: { active: false } });
    const e = await errorOf(switchMembership({ actor, membershipId: target }));
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
  });

  it("refuses once the session was signed out", async () => {
    const { actor, memberships, sid } = await signedIn();
    await revokeSession(sid);
    const e = await errorOf(switchMembership({ actor, membershipId: memberships[1]?.id as string }));
    expect(isAppError(e) && e.code).toBe("UNAUTHENTICATED");
  });
});
