import { describe, expect, it } from "vitest";
import { auditDiff, showValue } from "@/lib/audit/diff";

describe("auditDiff", () => {
  it("lists changed, added and removed fields, walking nested JSON into paths", () => {
    const before = { name: "Bolt", minStock: 5, spec: { color: "red", size: "M" }, tags: ["a", "b"], gone: true };
    const after = { name: "Bolt M8", minStock: 5, spec: { color: "blue", size: "M", weight: 2 }, tags: ["a"] };
    expect(auditDiff(before, after)).toEqual([
      { path: "name", kind: "changed", before: "Bolt", after: "Bolt M8" },
      { path: "spec.color", kind: "changed", before: "red", after: "blue" },
      { path: "tags[1]", kind: "removed", before: "b" },
      { path: "gone", kind: "removed", before: true },
      { path: "spec.weight", kind: "added", after: 2 },
    ]);
  });

  it("a create is all additions, a delete all removals, and no change is empty", () => {
    expect(auditDiff(null, { a: 1, b: { c: null } })).toEqual([
      { path: "a", kind: "added", after: 1 },
      { path: "b.c", kind: "added", after: null },
    ]);
    expect(auditDiff({ a: 1 }, null)).toEqual([{ path: "a", kind: "removed", before: 1 }]);
    expect(auditDiff({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual([]);
    expect(auditDiff({ a: {} }, { a: { x: 1 } })).toEqual([
      { path: "a", kind: "removed", before: {} },
      { path: "a.x", kind: "added", after: 1 },
    ]);
  });

  it("shows strings as text and other values as JSON", () => {
    expect(showValue("x")).toBe("x");
    expect(showValue(null)).toBe("null");
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
