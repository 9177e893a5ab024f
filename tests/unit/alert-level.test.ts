import { describe, expect, it } from "vitest";
import { alertLevel, decideAlert, type ActiveAlert } from "@/lib/alerts/level";

describe("alertLevel (three tiers)", () => {
  const p = (onHand: number, minStock = 10, safetyStock = 4) => alertLevel({ onHand, minStock, safetyStock });
  it("is none at or above minStock, warning below it, critical below safetyStock, out at zero", () => {
    expect(p(11)).toBeNull();
    expect(p(10)).toBeNull();
    expect(p(9)).toBe("warning");
    expect(p(4)).toBe("warning");
    expect(p(3)).toBe("critical");
    expect(p(1)).toBe("critical");
    expect(p(0)).toBe("out");
  });
  it("never alerts without a threshold, and skips critical when safetyStock is 0", () => {
    expect(p(0, 0, 0)).toBeNull();
    expect(p(1, 5, 0)).toBe("warning");
    expect(p(0, 5, 0)).toBe("out");
  });
});

describe("decideAlert", () => {
  const active = (level: ActiveAlert["level"], onHand = 5, status: ActiveAlert["status"] = "open"): ActiveAlert => ({ level, status, onHand, threshold: 10 });
  const now = (level: ActiveAlert["level"] | null, onHand = 5) => ({ level, onHand, threshold: 10 });
  it("opens, escalates, quietly updates or de-escalates, resolves", () => {
    expect(decideAlert(null, now(null))).toEqual({ kind: "none" });
    expect(decideAlert(null, now("critical"))).toEqual({ kind: "open", level: "critical" });
    expect(decideAlert(active("warning"), now("critical", 2))).toEqual({ kind: "escalate", level: "critical" });
    expect(decideAlert(active("warning", 5, "acknowledged"), now("out", 0))).toEqual({ kind: "escalate", level: "out" });
    expect(decideAlert(active("out", 0), now("warning", 8))).toEqual({ kind: "update", level: "warning" });
    expect(decideAlert(active("warning", 5), now("warning", 6))).toEqual({ kind: "update", level: "warning" });
    expect(decideAlert(active("warning", 5), now("warning", 5))).toEqual({ kind: "none" });
    expect(decideAlert(active("critical", 1), now(null, 20))).toEqual({ kind: "resolve" });
  });
});
