// The purchase order state table (every state × transition × role, allowed and refused) and the
// money rules (half-even to the currency's minor unit) on fixtures to the cent.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { lineAmount, minorUnits, roundAmount, roundHalfEven, sumAmounts, toBase, unitCostInBase } from "@/lib/money";
import { openQuantity } from "@/lib/purchasing/receive";
import { availableTransitions, decide, PO_STATUSES, PO_TRANSITIONS, transitionsFrom, type OrderFacts, type PoStatus, type PoTransition } from "@/lib/purchasing/states";

const CREATOR = "creator";
const order = (status: PoStatus, extra: Partial<OrderFacts> = {}): OrderFacts => ({
  status,
  approvalsRequired: 1,
  approvals: 0,
  createdById: CREATOR,
  lastEditedById: CREATOR,
  firstApproverId: null,
  ...extra,
});

// The expected table, written out independently of lib/purchasing/states.ts.
const FROM: Record<PoTransition, PoStatus[]> = {
  submit: ["draft"],
  approve: ["submitted"],
  reject: ["submitted"],
  reopen: ["rejected"],
  cancel: ["draft", "submitted", "approved"],
  close: ["partially_received", "received"],
};
const TO: Record<PoTransition, PoStatus> = { submit: "submitted", approve: "approved", reject: "rejected", reopen: "draft", cancel: "cancelled", close: "closed" };
const ROLES_ALLOWED: Record<PoTransition, Role[]> = {
  submit: ["admin", "purchaser"],
  approve: ["admin", "approver"],
  reject: ["admin", "approver"],
  reopen: ["admin", "purchaser"],
  cancel: ["admin", "approver"],
  close: ["admin", "manager"],
};

describe("purchase order state table", () => {
  for (const status of PO_STATUSES) {
    for (const t of PO_TRANSITIONS) {
      for (const role of ROLES) {
        it(`${status} × ${t} × ${role}`, () => {
          const d = decide(order(status), t, { id: `someone-${role}`, role });
          if (!FROM[t].includes(status)) {
            expect(d).toEqual({ ok: false, code: "INVALID_TRANSITION", from: status, to: TO[t], allowed: transitionsFrom(status) });
          } else if (!ROLES_ALLOWED[t].includes(role)) {
            expect(d).toMatchObject({ ok: false, code: "FORBIDDEN", reason: "role" });
          } else {
            expect(d).toMatchObject({ ok: true, to: TO[t] });
          }
        });
      }
    }
  }

  it("never after a receipt: received and partially received orders cannot be cancelled", () => {
    expect(transitionsFrom("partially_received")).toEqual(["close"]);
    expect(transitionsFrom("received")).toEqual(["close"]);
    expect(transitionsFrom("closed")).toEqual([]);
    expect(transitionsFrom("cancelled")).toEqual([]);
  });

  it("nobody approves an order they created or last edited, whatever their role", () => {
    for (const role of ["admin", "approver"] as const) {
      expect(decide(order("submitted"), "approve", { id: CREATOR, role })).toMatchObject({ ok: false, code: "FORBIDDEN", reason: "own_order" });
      expect(decide(order("submitted", { createdById: "x", lastEditedById: "editor" }), "approve", { id: "editor", role })).toMatchObject({ reason: "own_order" });
    }
    // Rejecting one's own order is allowed (it is not an approval).
    expect(decide(order("submitted"), "reject", { id: CREATOR, role: "admin" })).toMatchObject({ ok: true });
  });

  it("two steps above the threshold: an approver, then a manager who is not the first approver", () => {
    const two = order("submitted", { approvalsRequired: 2 });
    expect(decide(two, "approve", { id: "a1", role: "approver" })).toEqual({ ok: true, to: "submitted", step: 1, final: false });
    expect(decide(two, "approve", { id: "m1", role: "manager" })).toMatchObject({ ok: false, reason: "role", action: "purchase.approve" });
    const first = order("submitted", { approvalsRequired: 2, approvals: 1, firstApproverId: "a1" });
    expect(decide(first, "approve", { id: "a2", role: "approver" })).toMatchObject({ ok: false, reason: "role", action: "purchase.finalApprove" });
    expect(decide(first, "approve", { id: "m1", role: "manager" })).toEqual({ ok: true, to: "approved", step: 2, final: true });
    expect(decide({ ...first, firstApproverId: "adm" }, "approve", { id: "adm", role: "admin" })).toMatchObject({ ok: false, reason: "same_approver" });
    expect(decide(first, "approve", { id: CREATOR, role: "admin" })).toMatchObject({ ok: false, reason: "own_order" });
  });

  it("offers exactly the transitions decide lets through", () => {
    expect(availableTransitions(order("submitted"), { id: "a", role: "approver" })).toEqual(["approve", "reject", "cancel"]);
    expect(availableTransitions(order("submitted"), { id: CREATOR, role: "admin" })).toEqual(["reject", "cancel"]);
    expect(availableTransitions(order("draft"), { id: "p", role: "purchaser" })).toEqual(["submit"]);
    expect(availableTransitions(order("approved"), { id: "v", role: "viewer" })).toEqual([]);
    expect(availableTransitions(order("received"), { id: "m", role: "manager" })).toEqual(["close"]);
  });
});

describe("money", () => {
  it("knows the minor units", () => {
    expect(minorUnits("CNY")).toBe(2);
    expect(minorUnits("USD")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("KWD")).toBe(3);
  });

  it("rounds half-even", () => {
    expect(roundHalfEven("2.345", 2)).toBe("2.34");
    expect(roundHalfEven("2.355", 2)).toBe("2.36");
    expect(roundHalfEven("2.3451", 2)).toBe("2.35");
    expect(roundHalfEven("-2.345", 2)).toBe("-2.34");
    expect(roundAmount("0.5", "JPY")).toBe("0");
    expect(roundAmount("1.5", "JPY")).toBe("2");
    expect(roundAmount("1.0005", "KWD")).toBe("1.000");
    expect(roundAmount("1.0015", "KWD")).toBe("1.002");
  });

  it("prices lines and totals exactly (no float drift)", () => {
    expect(lineAmount(3, "0.1", "USD")).toBe("0.30");
    expect(lineAmount(7, "1.2345", "USD")).toBe("8.64"); // 8.6415
    expect(lineAmount(1, "0.125", "USD")).toBe("0.12");
    expect(lineAmount(1, "0.135", "USD")).toBe("0.14");
    expect(lineAmount(3, "33.3333", "JPY")).toBe("100"); // 99.9999
    expect(sumAmounts(["0.10", "0.20", "0.30"], "USD")).toBe("0.60");
    expect(sumAmounts(Array.from({ length: 1000 }, () => "0.01"), "CNY")).toBe("10.00");
  });

  it("converts to base currency with the frozen rate", () => {
    expect(toBase("100.00", "7.1234", "CNY")).toBe("712.34");
    expect(toBase("0.05", "7.1", "CNY")).toBe("0.36"); // 0.355 → 0.36 (6 is even)
    expect(toBase("0.15", "7.1", "CNY")).toBe("1.06"); // 1.065 → 1.06
    expect(toBase("1000", "0.0482", "CNY")).toBe("48.20");
    expect(toBase("12.34", "1", "CNY")).toBe("12.34");
    expect(unitCostInBase("1.2345", "7.1234")).toBe("8.7938"); // 8.79383730
    expect(unitCostInBase("0.00005", "1")).toBe("0.0000");
    expect(unitCostInBase("0.00015", "1")).toBe("0.0002");
  });
});

describe("open quantity with the supplier's tolerance", () => {
  it("allows the tolerance over the ordered quantity, rounded down", () => {
    expect(openQuantity(10, 0, "0")).toBe(10);
    expect(openQuantity(10, 4, "0")).toBe(6);
    expect(openQuantity(10, 10, "0")).toBe(0);
    expect(openQuantity(10, 10, "10")).toBe(1);
    expect(openQuantity(10, 0, "5")).toBe(10); // 10.5 → 10
    expect(openQuantity(100, 0, "2.5")).toBe(102);
    expect(openQuantity(10, 12, "0")).toBe(0);
  });
});
