import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { availableSalesTransitions, decideSales, SO_STATUSES, SO_TRANSITIONS, type SoStatus, type SoTransition } from "@/lib/sales/states";

// The table as docs/outbound.md states it, written out independently of lib/sales/states.ts.
const FROM: Record<SoTransition, SoStatus[]> = {
  confirm: ["draft"],
  reserve: ["confirmed", "picking"],
  pack: ["picking"],
  cancel: ["draft", "confirmed", "picking", "packed"],
  close: ["shipped"],
};
const TO: Record<SoTransition, SoStatus | null> = { confirm: "confirmed", reserve: null, pack: "packed", cancel: "cancelled", close: "closed" };
const WHO: Record<SoTransition, string[]> = {
  confirm: ["admin", "manager"],
  reserve: ["admin", "manager"],
  pack: ["admin", "manager", "clerk"],
  cancel: ["admin", "manager"],
  close: ["admin", "manager"],
};

describe("sales order state table", () => {
  for (const status of SO_STATUSES) {
    for (const t of SO_TRANSITIONS) {
      for (const role of ROLES) {
        const stateOk = FROM[t].includes(status);
        const roleOk = WHO[t].includes(role);
        it(`${role}: ${t} from ${status} → ${stateOk ? (roleOk ? "allowed" : "FORBIDDEN") : "INVALID_TRANSITION"}`, () => {
          const d = decideSales(status, t, role);
          if (!stateOk) {
            expect(d).toMatchObject({ ok: false, code: "INVALID_TRANSITION", from: status, to: TO[t] });
            if (!d.ok && d.code === "INVALID_TRANSITION") expect(d.allowed).toEqual(SO_TRANSITIONS.filter((x) => FROM[x].includes(status)));
          } else if (!roleOk) expect(d).toMatchObject({ ok: false, code: "FORBIDDEN" });
          else expect(d).toEqual({ ok: true, to: TO[t] });
        });
      }
    }
  }
  it("offers a viewer nothing and a manager every allowed transition", () => {
    for (const s of SO_STATUSES) {
      expect(availableSalesTransitions(s, "viewer")).toEqual([]);
      expect(availableSalesTransitions(s, "manager")).toEqual(SO_TRANSITIONS.filter((x) => FROM[x].includes(s)));
    }
    expect(availableSalesTransitions("picking", "clerk")).toEqual(["pack"]);
  });
});
