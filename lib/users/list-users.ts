// The user list of the admin area (managers read it; admins manage users: create-user.ts, update-user.ts, set-user-active.ts).
import { z } from "zod";
import { assertCan, ROLES, type Actor, type Role } from "../auth/permissions";
import { db, type Prisma } from "../db";
import { decodeCursor, pageQuerySchema, toPage, type Page } from "../pagination";
import { parse } from "../validation";

export const userListQuerySchema = pageQuerySchema.extend({
  /** Matches email or name, case-insensitive. */
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

export type UserDto = { id: string; email: string; name: string; role: Role; active: boolean; createdAt: string };

/** Users in email order, keyset-paginated by email. */
export async function listUsers(actor: Actor, query: unknown): Promise<Page<UserDto>> {
  assertCan(actor, "user.read");
  const q = parse(userListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string());
  const where: Prisma.UserWhereInput = {
    ...(q.q ? { OR: [{ email: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] } : {}),
    ...(q.role ? { role: q.role } : {}),
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(after ? { email: { gt: after } } : {}),
  };
  const rows = await db.user.findMany({
    where,
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true },
    orderBy: { email: "asc" },
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, (r) => r.email, (r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
