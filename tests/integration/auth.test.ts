import { describe, expect, it } from "vitest";
import { actorFromBearer, issueAccessToken } from "@/lib/auth/access-token";
import { authenticateUser } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";
import { uniq } from "../support/fixtures";

async function makeUser(password = "right-password") {
  const email = `${uniq("u").toLowerCase()}@test.local`;
  const user = await db.user.create({ data: { email, name: "U", role: "clerk", passwordHash: await hashPassword(password) } });
  return { user, email, password };
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe("login", () => {
  it("accepts the right password and refuses a wrong one or an unknown email", async () => {
    const { email, password } = await makeUser();
    await expect(authenticateUser({ email: email.toUpperCase(), password }, "10.0.0.1")).resolves.toMatchObject({ email, role: "clerk" });
    expect(await codeOf(authenticateUser({ email, password: "wrong" }, "10.0.0.1"))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(authenticateUser({ email: "nobody@test.local", password: "x" }, "10.0.0.1"))).toBe("INVALID_CREDENTIALS");
  });

  it("rate-limits at the 11th failed attempt per email and IP, in Redis", async () => {
    const { email, password } = await makeUser();
    const ip = `10.1.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 1; i <= 10; i++) {
      expect(await codeOf(authenticateUser({ email, password: "wrong" }, ip)), `attempt ${i}`).toBe("INVALID_CREDENTIALS");
    }
    const e = await authenticateUser({ email, password: "wrong" }, ip).catch((err: AppError) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("RATE_LIMITED");
    expect((e as AppError).status).toBe(429);
    expect((e as AppError).details?.retryAfter).toBeGreaterThan(0);
    // Even the right password is refused while limited; another IP is not affected.
    expect(await codeOf(authenticateUser({ email, password }, ip))).toBe("RATE_LIMITED");
    await expect(authenticateUser({ email, password }, "10.9.9.9")).resolves.toBeTruthy();
    // The counter lives in Redis, shared by every web process.
    expect(await redis().exists(`rl:login:${email}|${ip}`)).toBe(1);
  });

  it("refuses a deactivated user", async () => {
    const { user, email, password } = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await codeOf(authenticateUser({ email, password }, "10.0.0.2"))).toBe("INVALID_CREDENTIALS");
  });
});

describe("bearer tokens", () => {
  it("round-trips a token to an api actor and stops working when the user is deactivated", async () => {
    const { user } = await makeUser();
    const { token, expiresAt } = await issueAccessToken({ id: user.id, email: user.email, name: user.name, role: "clerk" });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    await expect(actorFromBearer(`Bearer ${token}`)).resolves.toEqual({ id: user.id, role: "clerk", channel: "api" });
    await db.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    await expect(actorFromBearer(`Bearer ${token}`)).resolves.toMatchObject({ role: "viewer" });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await codeOf(actorFromBearer(`Bearer ${token}`))).toBe("UNAUTHENTICATED");
  });

  it("refuses missing, malformed and tampered tokens", async () => {
    expect(await codeOf(actorFromBearer(null))).toBe("UNAUTHENTICATED");
    expect(await codeOf(actorFromBearer("Basic abc"))).toBe("UNAUTHENTICATED");
    expect(await codeOf(actorFromBearer("Bearer not.a.jwt"))).toBe("UNAUTHENTICATED");
    const { user } = await makeUser();
    const { token } = await issueAccessToken({ id: user.id, email: user.email, name: user.name, role: "clerk" });
    const tampered = token.slice(0, -3) + (token.endsWith("A") ? "BBB" : "AAA");
    expect(await codeOf(actorFromBearer(`Bearer ${tampered}`))).toBe("UNAUTHENTICATED");
  });
});
