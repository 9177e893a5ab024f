// API tokens (`wms_…`) as bearer credentials against the production build: a token made by the
// domain function (as an admin would in Admin → API tokens) works on GET, a read-only one is refused
// writes with 403, and a revoked one is refused with 401 at once.
import { expect, test } from "@playwright/test";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { expectError, unique } from "./support";

let admin: Actor;
let clerkId: string;

test.beforeAll(async () => {
  const [a, c] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } }),
    db.user.findUniqueOrThrow({ where: { email: "clerk@example.com" } }),
  ]);
  admin = { id: a.id, role: "admin", channel: "web" };
  clerkId = c.id;
});

test.afterAll(async () => {
  await db.$disconnect();
});

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const movement = { type: "in", reference: unique("TOK"), lines: [{ sku: "SKU-00990", location: "A-01-01", quantity: 1 }] }; // a product no other spec asserts on

test("a read token lists products, is refused a movement with 403, and is refused with 401 once revoked", async ({ request }) => {
  const { token, secret } = await createApiToken(admin, { name: unique("ERP read"), userId: clerkId, scope: "read" });
  expect(secret).toMatch(/^wms_[A-Za-z0-9_-]{43}$/);

  const list = await request.get("/api/v1/products?limit=2", { headers: bearer(secret) });
  expect(list.status()).toBe(200);
  expect((await list.json()).items).toHaveLength(2);

  const write = await request.post("/api/v1/movements", { headers: bearer(secret), data: movement });
  const err = await expectError(write, 403, "FORBIDDEN");
  expect(err.message).toMatch(/read-only/i);

  await revokeApiToken(admin, token.id);
  await expectError(await request.get("/api/v1/products?limit=1", { headers: bearer(secret) }), 401, "UNAUTHENTICATED");
});

test("a read_write token acting as a clerk may post a movement; a made-up token is refused", async ({ request }) => {
  const { token, secret } = await createApiToken(admin, { name: unique("ERP rw"), userId: clerkId, scope: "read_write" });
  const r = await request.post("/api/v1/movements", { headers: bearer(secret), data: { ...movement, reference: unique("TOK") } });
  expect(r.status(), await r.text()).toBe(201);
  // The movement is recorded as the token's user.
  const row = await db.movement.findUniqueOrThrow({ where: { id: (await r.json()).id }, select: { actorId: true } });
  expect(row.actorId).toBe(clerkId);
  // last_used_at was stamped.
  expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();

  await expectError(await request.get("/api/v1/products?limit=1", { headers: bearer(`wms_${"x".repeat(43)}`) }), 401, "UNAUTHENTICATED");
  await revokeApiToken(admin, token.id);
});
