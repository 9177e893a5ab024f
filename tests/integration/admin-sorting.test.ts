// The admin lists' sorts against the real database: users by name, email or role (roles in their
// enum order, paged with a role cursor that the enum's missing gt/lt is worked around for), and
// the audit log oldest or newest first. Paging with small pages walks exactly the rows of one big
// page; a cursor from another sort is refused.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { auditSort, listAudit } from "@/lib/audit/list-audit";
import { db } from "@/lib/db";
import { listUsers, userSort } from "@/lib/users/list-users";
import { actorFor, uniq } from "../support/fixtures";
import { walk, ordered } from "../support/sorting";

describe("admin list sorts", () => {
  it("pages users by name, email and role in both directions", async () => {
    const admin = await actorFor("admin");
    const tag = uniq("USORT").toLowerCase();
    // Duplicate names and roles make the tie-breaker (id) matter.
    const people: [string, Role][] = [["Zoe", "viewer"], ["Adam", "clerk"], ["Adam", "admin"], ["Mia", "clerk"], ["Bob", "manager"], ["Adam", "viewer"], ["Eve", "approver"]];
    for (const [i, [name, role]] of people.entries()) {
      await db.user.create({ data: { email: `${tag}-${i}@test.local`, name: `${name} ${tag}`, role, passwordHash: "x" } });
    }
    for (const col of userSort.columns) {
      for (const dir of ["asc", "desc"] as const) {
        const sort = { sort: col, dir };
        const list = (limit: number, cursor?: string) => listUsers(admin, { q: tag, limit: String(limit), cursor }, { sort });
        const whole = (await list(500)).items;
        expect(whole, `${col} ${dir}`).toHaveLength(people.length);
        const key = (u: (typeof whole)[number]) => [col === "role" ? ROLES.indexOf(u.role) : u[col], u.id];
        expect(ordered(whole.map(key), dir), `${col} ${dir}`).toBe(true);
        expect(await walk(list, 2), `${col} ${dir}`).toEqual(whole);
      }
    }
    // The plain (API) order is unchanged: email ascending with an email cursor.
    const plain = await walk((limit, cursor) => listUsers(admin, { q: tag, limit: String(limit), cursor }), 3);
    expect(plain.map((u) => u.email)).toEqual(people.map((_, i) => `${tag}-${i}@test.local`));
    // A cursor of one sort is refused by another.
    const byName = await listUsers(admin, { q: tag, limit: "2" }, { sort: { sort: "name", dir: "asc" } });
    await expect(listUsers(admin, { q: tag, limit: "2", cursor: byName.nextCursor! }, { sort: { sort: "role", dir: "asc" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("pages the audit log newest first (the default) and oldest first", async () => {
    const admin = await actorFor("admin");
    const entityId = uniq("AUD");
    for (let i = 0; i < 5; i++) await db.auditLog.create({ data: { action: `test.step${i}`, entity: "test", entityId, channel: "web", actorId: admin.id } });
    for (const dir of ["desc", "asc"] as const) {
      const sort = { sort: "date" as const, dir };
      const list = (limit: number, cursor?: string) => listAudit(admin, { entity: "test", entityId, limit: String(limit), cursor }, { sort });
      const whole = (await list(100)).items;
      expect(whole.map((e) => e.action)).toEqual(dir === "asc" ? ["test.step0", "test.step1", "test.step2", "test.step3", "test.step4"] : ["test.step4", "test.step3", "test.step2", "test.step1", "test.step0"]);
      expect(await walk(list, 2)).toEqual(whole);
    }
    expect(auditSort.default).toEqual({ sort: "date", dir: "desc" });
    const asc = await listAudit(admin, { entity: "test", entityId, limit: "2" }, { sort: { sort: "date", dir: "asc" } });
    await expect(listAudit(admin, { entity: "test", entityId, limit: "2", cursor: asc.nextCursor! })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
