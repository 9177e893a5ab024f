// The user list of the admin area (managers read it; admins manage users: create-user.ts, update-user.ts, set-user-active.ts).
import { z } from "zod";
import { assertCan, ROLES, type Actor, type Role } from "../auth/permissions";
import { db, type Prisma } from "../db";
import { decodeCursor, pageQuerySchema, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, isDefaultSort, prismaAfter, prismaOrder, sortCursor, type Sort } from "../sorting";
import { parse } from "../validation";
import type { Locale } from "../i18n/config";
import { userDto, userSelect } from "./user-dto";

export const userListQuerySchema = pageQuerySchema.extend({
  /** Matches email or name, case-insensitive. */
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

/** `locale`: the language of the user's emails. */
export type UserDto = { id: string; email: string; name: string; role: Role; active: boolean; locale: Locale; createdAt: string };

/** Columns the users page can sort by (the API always lists by email). Roles sort in ROLES order (the enum's). */
export const userSort = defineSort(["email", "name", "role"], { sort: "email", dir: "asc" });
export type UserSortColumn = (typeof userSort.columns)[number];

/** Rows after a role cursor: the enum has no gt/lt filter, so the later roles are listed. */
function roleAfter(dir: "asc" | "desc", after: (string | number)[] | undefined): Prisma.UserWhereInput | undefined {
  if (!after) return undefined;
  const [role, id] = after;
  const i = ROLES.indexOf(role as Role);
  if (i < 0) return { id: { in: [] } };
  const later = dir === "asc" ? ROLES.slice(i + 1) : ROLES.slice(0, i);
  return { OR: [{ role: { in: [...later] } }, { role: role as Role, id: dir === "asc" ? { gt: String(id) } : { lt: String(id) } }] };
}

/** Users in email order (or by `opts.sort` for the web page), keyset-paginated. */
export async function listUsers(actor: Actor, query: unknown, opts: { sort?: Sort<UserSortColumn> } = {}): Promise<Page<UserDto>> {
  assertCan(actor, "user.read");
  const q = parse(userListQuerySchema, query);
  const sort = opts.sort ?? userSort.default;
  const plain = isDefaultSort(userSort, sort);
  const after = plain ? decodeCursor(q.cursor, z.string()) : undefined;
  const sortedAfter = plain ? undefined : decodeSortCursor(q.cursor, sort, 2);
  const keyset = sort.sort === "role" ? roleAfter(sort.dir, sortedAfter) : (prismaAfter(sort.sort, sort.dir, sortedAfter) as Prisma.UserWhereInput | undefined);
  const and: Prisma.UserWhereInput[] = [];
  if (q.q) and.push({ OR: [{ email: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] });
  if (q.role) and.push({ role: q.role });
  if (q.active !== undefined) and.push({ active: q.active });
  if (after) and.push({ email: { gt: after } });
  if (keyset) and.push(keyset);
  const rows = await db.user.findMany({
    where: and.length ? { AND: and } : {},
    select: userSelect,
    orderBy: plain ? { email: "asc" } : (prismaOrder(sort.sort, sort.dir) as Prisma.UserOrderByWithRelationInput[]),
    take: q.limit + 1,
  });
  return toPage(
    rows,
    q.limit,
    (r) => (plain ? r.email : sortCursor(sort, [r[sort.sort], r.id])),
    userDto,
  );
}
