// Admin desk: user management guard rails, API tokens as bearer credentials, audit without secrets.
import { afterEach, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { hashSecret } from "@/lib/api-tokens/secret";
import { actorFromBearer, assertScopeAllows, issueAccessToken } from "@/lib/auth/access-token";
import { authenticateUser } from "@/lib/auth/login";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { setUserActive } from "@/lib/users/set-user-active";
import { updateUser } from "@/lib/users/update-user";
import { actorFor, uniq } from "../support/fixtures";

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | null> {
  try {
    await (typeof p === "function" ? p() : p);
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

const email = () => `${uniq("adm").toLowerCase()}@test.local`;

async function newUser(admin: Actor, role: Actor["role"] = "clerk", password = "a-long-password-1") {
  const user = await createUser(admin, { email: email(), name: "New Person", role, password });
  return { ...user, password };
}

describe("users", () => {
  it("creates a user who can then sign in; the audit row holds no password or hash", async () => {
    const admin = await actorFor("admin");
    const u = await newUser(admin, "clerk");
    await expect(authenticateUser({ email: u.email, password: u.password }, "10.20.0.1")).resolves.toMatchObject({ id: u.id, role: "clerk" });

    const stored = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$/);
    const rows = await db.auditLog.findMany({ where: { entity: "user", entityId: u.id } });
    expect(rows.map((r) => r.action)).toEqual(["user.create"]);
    const text = JSON.stringify(rows.map((r) => [r.before, r.after]));
    expect(text).not.toContain(stored.passwordHash);
    expect(text).not.toContain(u.password);
    expect(text.toLowerCase()).not.toContain("password");
    expect(rows[0].after).toMatchObject({ email: u.email, role: "clerk", active: true });
  });

  it("queues an invitation email (sign-in link, no password) when asked, through the outbox", async () => {
    const admin = await actorFor("admin");
    const mail = email();
    const u = await createUser(admin, { email: mail, name: "Invited", role: "viewer", password: "a-long-password-2", sendInvitation: true });
    const [msg] = await db.$queryRaw<{ id: string; to: string[]; text: string }[]>`SELECT id::text AS id, "to", text FROM email_messages WHERE dedupe_key = ${`user.invite:${u.id}`}`;
    expect(msg.to).toEqual([mail]);
    expect(msg.text).toContain("/login");
    expect(msg.text).not.toContain("a-long-password-2");
    const events = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM outbox_events WHERE event_type = 'email.requested' AND payload->>'emailId' = ${msg.id}`;
    expect(Number(events[0].n)).toBe(1);
    // Without the flag, no email.
    const quiet = await newUser(admin);
    const none = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM email_messages WHERE dedupe_key = ${`user.invite:${quiet.id}`}`;
    expect(Number(none[0].n)).toBe(0);
  });

  it("validates input, refuses duplicates and non-admins", async () => {
    const admin = await actorFor("admin");
    expect(await codeOf(createUser(admin, { email: "not-an-email", name: "X", role: "clerk", password: "a-long-password-1" }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(createUser(admin, { email: email(), name: "X", role: "clerk", password: "short" }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(createUser(admin, { email: email(), name: "X", role: "owner", password: "a-long-password-1" }))).toBe("VALIDATION_FAILED");
    const u = await newUser(admin);
    expect(await codeOf(createUser(admin, { email: u.email.toUpperCase(), name: "X", role: "clerk", password: "a-long-password-1" }))).toBe("DUPLICATE");
    const manager = await actorFor("manager");
    expect(await codeOf(createUser(manager, { email: email(), name: "X", role: "clerk", password: "a-long-password-1" }))).toBe("FORBIDDEN");
    expect(await codeOf(setUserActive(manager, u.id, false))).toBe("FORBIDDEN");
    expect(await codeOf(updateUser(manager, u.id, { role: "admin" }))).toBe("FORBIDDEN");
  });

  it("edits name and role, audited with before and after", async () => {
    const admin = await actorFor("admin");
    const u = await newUser(admin, "clerk");
    const updated = await updateUser(admin, u.id, { name: "Renamed", role: "purchaser" });
    expect(updated).toMatchObject({ name: "Renamed", role: "purchaser" });
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: u.id, action: "user.update" } });
    expect(row.before).toMatchObject({ name: "New Person", role: "clerk" });
    expect(row.after).toMatchObject({ name: "Renamed", role: "purchaser" });
  });

  it("an admin cannot deactivate or demote themself", async () => {
    const admin = await actorFor("admin");
    await actorFor("admin"); // another admin exists, so only the self rule applies
    expect(await codeOf(setUserActive(admin, admin.id, false))).toBe("INVALID_TRANSITION");
    expect(await codeOf(updateUser(admin, admin.id, { role: "manager" }))).toBe("INVALID_TRANSITION");
    // Renaming oneself is fine.
    await expect(updateUser(admin, admin.id, { name: "Still Admin" })).resolves.toMatchObject({ role: "admin", active: true });
  });

  describe("the last active admin", () => {
    let parked: string[] = [];
    afterEach(async () => {
      if (parked.length) await db.user.updateMany({ where: { id: { in: parked } }, data: { active: true } });
      parked = [];
    });

    it("cannot be deactivated or demoted by anyone", async () => {
      const actor = await actorFor("admin");
      const target = await actorFor("admin");
      // Leave exactly two active admins: the actor and the target (restored afterwards).
      const others = await db.user.findMany({ where: { role: "admin", active: true, id: { notIn: [actor.id, target.id] } }, select: { id: true } });
      parked = others.map((o) => o.id);
      await db.user.updateMany({ where: { id: { in: parked } }, data: { active: false } });

      // Two active admins: one may go. Then the actor is the last active admin.
      await setUserActive(actor, target.id, false);
      // Another admin's request (not the self rule) to remove the last one is refused too.
      const other = await actorFor("admin");
      parked.push(other.id);
      await db.user.update({ where: { id: other.id }, data: { active: false } });
      const err = await setUserActive(other, actor.id, false).catch((e: AppError) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("INVALID_TRANSITION");
      expect((err as AppError).details).toMatchObject({ reason: "lastAdmin" });
      expect(await codeOf(updateUser(other, actor.id, { role: "viewer" }))).toBe("INVALID_TRANSITION");
      expect((await db.user.findUniqueOrThrow({ where: { id: actor.id } })).active).toBe(true);
      // Reactivating the target makes a second admin again, and then demoting it is allowed.
      await setUserActive(actor, target.id, true);
      await expect(updateUser(actor, target.id, { role: "manager" })).resolves.toMatchObject({ role: "manager" });
    });
  });
});

describe("API tokens", () => {
  async function tokenFor(scope: "read" | "read_write", role: Actor["role"] = "clerk", extra: Record<string, unknown> = {}) {
    const admin = await actorFor("admin");
    const owner = await actorFor(role);
    const created = await createApiToken(admin, { name: uniq("ERP"), userId: owner.id, scope, ...extra });
    return { admin, owner, ...created };
  }

  it("stores only the hash, shows the secret once and resolves to an api actor with its scope", async () => {
    const { owner, token, secret } = await tokenFor("read_write");
    expect(secret).toMatch(/^wms_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashSecret(secret));
    expect(row.prefix).toBe(secret.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(secret);
    await expect(actorFromBearer(`Bearer ${secret}`)).resolves.toEqual({ id: owner.id, role: "clerk", channel: "api", scope: "read_write" });
    // No listing or audit row ever carries the secret or its hash.
    const audit = await db.auditLog.findMany({ where: { entity: "apiToken", entityId: token.id } });
    expect(audit.map((a) => a.action)).toEqual(["apiToken.create"]);
    const auditText = JSON.stringify(audit.map((a) => [a.before, a.after]));
    expect(auditText).not.toContain(row.tokenHash);
    expect(auditText).not.toContain(secret);
    const admin = await actorFor("admin");
    expect(JSON.stringify(await listApiTokens(admin))).not.toContain(row.tokenHash);
  });

  it("is refused the moment it is revoked", async () => {
    const { admin, token, secret } = await tokenFor("read_write");
    await expect(actorFromBearer(`Bearer ${secret}`)).resolves.toMatchObject({ channel: "api" });
    await revokeApiToken(admin, token.id);
    expect(await codeOf(actorFromBearer(`Bearer ${secret}`))).toBe("UNAUTHENTICATED");
    expect(await codeOf(revokeApiToken(admin, token.id))).toBe("INVALID_TRANSITION");
    expect((await listApiTokens(admin)).find((t) => t.id === token.id)?.status).toBe("revoked");
  });

  it("is refused once expired, and unknown or malformed tokens are refused", async () => {
    const { token, secret } = await tokenFor("read");
    await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await codeOf(actorFromBearer(`Bearer ${secret}`))).toBe("UNAUTHENTICATED");
    expect(await codeOf(actorFromBearer(`Bearer wms_${"A".repeat(43)}`))).toBe("UNAUTHENTICATED");
    expect(await codeOf(actorFromBearer("Bearer wms_short"))).toBe("UNAUTHENTICATED");
    // An expiry date in the past cannot be chosen.
    const admin = await actorFor("admin");
    const owner = await actorFor("clerk");
    expect(await codeOf(createApiToken(admin, { name: "Old", userId: owner.id, scope: "read", expiresOn: "2020-01-01" }))).toBe("VALIDATION_FAILED");
  });

  it("a read token may GET but not POST; a read_write token may do both", async () => {
    const { secret } = await tokenFor("read");
    const reader = await actorFromBearer(`Bearer ${secret}`);
    expect(await codeOf(() => assertScopeAllows(reader, "GET"))).toBeNull();
    expect(await codeOf(() => assertScopeAllows(reader, "HEAD"))).toBeNull();
    for (const m of ["POST", "PATCH", "PUT", "DELETE"]) expect(await codeOf(() => assertScopeAllows(reader, m))).toBe("FORBIDDEN");
    const rw = await actorFromBearer(`Bearer ${(await tokenFor("read_write")).secret}`);
    expect(await codeOf(() => assertScopeAllows(rw, "POST"))).toBeNull();
    // A JWT carries no scope: its role alone decides.
    const clerk = await actorFor("clerk");
    const { token: jwt } = await issueAccessToken({ id: clerk.id, email: "x@test.local", name: "x", role: "clerk" });
    const jwtActor = await actorFromBearer(`Bearer ${jwt}`);
    expect(jwtActor.scope).toBeUndefined();
    expect(await codeOf(() => assertScopeAllows(jwtActor, "POST"))).toBeNull();
  });

  it("updates last_used_at at most once a minute", async () => {
    const { token, secret } = await tokenFor("read");
    await actorFromBearer(`Bearer ${secret}`);
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await actorFromBearer(`Bearer ${secret}`);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first);
    // A minute later (simulated) it moves on.
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await actorFromBearer(`Bearer ${secret}`);
    const later = (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt!;
    expect(Date.now() - later.getTime()).toBeLessThan(10_000);
  });

  it("only admins manage tokens, for active users only", async () => {
    const manager = await actorFor("manager");
    const owner = await actorFor("clerk");
    expect(await codeOf(createApiToken(manager, { name: "X", userId: owner.id, scope: "read" }))).toBe("FORBIDDEN");
    expect(await codeOf(listApiTokens(manager))).toBe("FORBIDDEN");
    const admin = await actorFor("admin");
    await db.user.update({ where: { id: owner.id }, data: { active: false } });
    expect(await codeOf(createApiToken(admin, { name: "X", userId: owner.id, scope: "read" }))).toBe("VALIDATION_FAILED");
  });
});

describe("deactivating a user", () => {
  it("stops their JWT bearer and their API tokens on the next request, and reactivating restores them", async () => {
    const admin = await actorFor("admin");
    const u = await newUser(admin, "clerk");
    const { token: jwt } = await issueAccessToken({ id: u.id, email: u.email, name: u.name, role: "clerk" });
    const { secret } = await createApiToken(admin, { name: uniq("ERP"), userId: u.id, scope: "read_write" });
    await expect(actorFromBearer(`Bearer ${jwt}`)).resolves.toMatchObject({ id: u.id });
    await expect(actorFromBearer(`Bearer ${secret}`)).resolves.toMatchObject({ id: u.id });

    await setUserActive(admin, u.id, false);
    expect(await codeOf(actorFromBearer(`Bearer ${jwt}`))).toBe("UNAUTHENTICATED");
    expect(await codeOf(actorFromBearer(`Bearer ${secret}`))).toBe("UNAUTHENTICATED");
    expect(await codeOf(authenticateUser({ email: u.email, password: u.password }, "10.20.0.2"))).toBe("INVALID_CREDENTIALS");
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: u.id, action: "user.deactivate" } });
    expect(audit.before).toMatchObject({ active: true });
    expect(audit.after).toMatchObject({ active: false });

    await setUserActive(admin, u.id, true);
    await expect(actorFromBearer(`Bearer ${jwt}`)).resolves.toMatchObject({ id: u.id });
    await expect(actorFromBearer(`Bearer ${secret}`)).resolves.toMatchObject({ id: u.id });
  });

  it("a role change applies to the API token at once", async () => {
    const admin = await actorFor("admin");
    const u = await newUser(admin, "clerk");
    const { secret } = await createApiToken(admin, { name: uniq("ERP"), userId: u.id, scope: "read_write" });
    await updateUser(admin, u.id, { role: "viewer" });
    await expect(actorFromBearer(`Bearer ${secret}`)).resolves.toMatchObject({ role: "viewer" });
  });
});
