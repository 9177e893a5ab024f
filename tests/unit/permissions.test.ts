import { describe, expect, it } from "vitest";
import { ACTIONS, assertCan, can, ROLES, type Action, type Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

// The table as docs/product.md §7 states it, written out independently of lib/auth/permissions.ts.
const READS: Action[] = ["catalog.read", "location.read", "stock.read", "alert.read", "supplier.read", "purchase.read", "serial.read", "sales.read"];
const EXPECTED: Record<Role, Action[]> = {
  admin: [...ACTIONS],
  manager: [
    ...READS,
    "catalog.write",
    "location.write",
    "movement.post",
    "movement.adjust",
    "count.perform",
    "count.approve",
    "alert.acknowledge",
    "report.read",
    "serial.write",
    "sales.write",
    "sales.pick",
    "sales.ship",
    "purchase.receive",
    "purchase.finalApprove",
    "purchase.close",
    "purchase.settings",
    "rate.write",
    "sequence.read",
    "user.read",
    "audit.read",
    "import.run",
    "label.print",
    "admin.access",
  ],
  clerk: [...READS, "movement.post", "count.perform", "purchase.receive", "serial.write", "sales.pick", "sales.ship", "label.print"],
  purchaser: [...READS, "supplier.write", "purchase.write", "report.read"],
  approver: [...READS, "purchase.approve"],
  viewer: [...READS, "report.read"],
};

describe("permission table", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
      });
    }
  }

  it("denies unknown roles and missing roles", () => {
    expect(can("superuser", "catalog.read")).toBe(false);
    expect(can(undefined, "catalog.read")).toBe(false);
    expect(can(null, "catalog.read")).toBe(false);
    expect(can("", "catalog.read")).toBe(false);
  });

  it("denies unknown actions", () => {
    expect(can("admin", "catalog.destroy" as Action)).toBe(false);
  });

  it("viewer is read-only: no write action at all", () => {
    const writes = ACTIONS.filter((a) => !a.endsWith(".read"));
    for (const a of writes) expect(can("viewer", a)).toBe(false);
  });

  it("assertCan throws FORBIDDEN naming the action", () => {
    expect(() => assertCan({ role: "viewer" }, "catalog.write")).toThrowError(AppError);
    try {
      assertCan({ role: "clerk" }, "movement.adjust");
    } catch (e) {
      expect((e as AppError).code).toBe("FORBIDDEN");
      expect((e as AppError).status).toBe(403);
      expect((e as AppError).details).toEqual({ action: "movement.adjust" });
    }
    expect(() => assertCan({ role: "manager" }, "movement.adjust")).not.toThrow();
  });
});
