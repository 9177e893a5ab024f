import { describe, expect, it } from "vitest";
import { actorFromBearer, issueAccessToken } from "@/lib/auth/access-token";
import { deviceCookie } from "@/lib/auth/device-cookie";
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

describe("login limits beyond one account", () => {
  it("the internal system account costs a full password check like any account (no timing tell)", async () => {
    const { email } = await makeUser();
    const time = async (e: string) => {
      const t0 = performance.now();
      expect(await codeOf(authenticateUser({ email: e, password: "not-it" }, `10.3.${Math.floor(Math.random() * 250)}.1`))).toBe("INVALID_CREDENTIALS");
      return performance.now() - t0;
    };
    const median = async (e: string) => (await Promise.all([0, 1, 2].map(async () => time(e)))).sort((a, b) => a - b)[1];
    const [real, system] = [await median(email), await median("system@wms.local")];
    // Before: "!" is not a bcrypt hash and was refused ~12× faster than a real account.
    expect(system).toBeGreaterThan(real * 0.5);
  });

  it("with trusted client addresses, one address is limited across emails (a spray from one place)", async () => {
    const ip = `10.4.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 30; i++) expect(await codeOf(authenticateUser({ email: `spray-${i}-${ip}@test.local`, password: "x" }, ip))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(authenticateUser({ email: `spray-new-${ip}@test.local`, password: "x" }, ip))).toBe("RATE_LIMITED");
    const { email, password } = await makeUser();
    await expect(authenticateUser({ email, password }, "10.5.0.1")).resolves.toBeTruthy();
    // "direct" (addresses not trusted) has no address bucket: it cannot lock everyone out.
    expect(await redis().exists(`rl:login-ip:direct`)).toBe(0);
  });

  it("a device that signed in before keeps signing in while strangers lock the email or use up the global budget", async () => {
    const { email, password } = await makeUser();
    const cookie = deviceCookie.issue(email);
    const known = { cookieHeader: `other=1; ${cookie.name}=${cookie.value}` };
    // Strangers (addresses not trusted: all "direct") lock the email…
    for (let i = 0; i < 10; i++) await authenticateUser({ email, password: "wrong" }, "direct").catch(() => null);
    expect(await codeOf(authenticateUser({ email, password }, "direct"))).toBe("RATE_LIMITED");
    // …but not the owner's device. A forged or another email's cookie does not count.
    await expect(authenticateUser({ email, password }, "direct", known)).resolves.toMatchObject({ email });
    const forged = { cookieHeader: `${cookie.name}=${cookie.value.slice(0, -2)}xx` };
    expect(await codeOf(authenticateUser({ email, password }, "direct", forged))).toBe("RATE_LIMITED");

    // The global failure budget: once used up, only known devices may try.
    const saved = process.env.LOGIN_FAILURE_BUDGET;
    await redis().del("rl:login-all:all");
    process.env.LOGIN_FAILURE_BUDGET = "3";
    try {
      const other = await makeUser();
      for (let i = 0; i < 3; i++) await authenticateUser({ email: `budget-${i}-${Date.now()}@test.local`, password: "x" }, "direct").catch(() => null);
      expect(await codeOf(authenticateUser({ email: other.email, password: other.password }, "10.6.0.1"))).toBe("RATE_LIMITED");
      await expect(authenticateUser({ email, password }, "direct", known)).resolves.toMatchObject({ email });
    } finally {
      process.env.LOGIN_FAILURE_BUDGET = saved;
      await redis().del("rl:login-all:all");
    }
  });
});
