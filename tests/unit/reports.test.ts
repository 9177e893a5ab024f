// Pure parts of the reports: the reorder formula, filter parsing and the dashboard's day axis.
import { describe, expect, it } from "vitest";
import { trendDays, TREND_DAYS } from "@/lib/reports/dashboard";
import { movementFiltersSchema } from "@/lib/reports/movement-history";
import { suggestedQuantity } from "@/lib/reports/reorder";
import { slowMoverFiltersSchema } from "@/lib/reports/slow-movers";
import { stockFiltersSchema } from "@/lib/reports/stock-on-hand";
import { csvFileName, dayAfter, firstValues } from "@/lib/reports/report";

describe("suggestedQuantity", () => {
  it("covers coverDays of the 30-day pace minus what is on hand, rounded, never negative", () => {
    expect(suggestedQuantity({ consumption: 60, coverDays: 30, onHand: 20 })).toBe(40);
    expect(suggestedQuantity({ consumption: 61, coverDays: 45, onHand: 40 })).toBe(52); // 51.5
    expect(suggestedQuantity({ consumption: 10, coverDays: 14, onHand: 0 })).toBe(5); // 4.67
    expect(suggestedQuantity({ consumption: 10, coverDays: 30, onHand: 50 })).toBe(0);
    expect(suggestedQuantity({ consumption: 0, coverDays: 90, onHand: 0 })).toBe(0);
  });
});

describe("report filters", () => {
  it("treat empty query values as absent and apply defaults", () => {
    expect(stockFiltersSchema.parse({ group: "", q: "  ", warehouse: "" })).toEqual({ group: "product" });
    expect(stockFiltersSchema.parse({ group: "location", warehouse: "wh" })).toEqual({ group: "location", warehouse: "WH" });
    expect(slowMoverFiltersSchema.parse({ days: "" })).toEqual({ days: 90 });
    expect(slowMoverFiltersSchema.safeParse({ days: "abc" }).success).toBe(false);
    expect(stockFiltersSchema.safeParse({ group: "supplier" }).success).toBe(false);
  });

  it("validate the movement history's type, channel and date range", () => {
    expect(movementFiltersSchema.parse({ type: "out", channel: "api", user: "A@Example.com", from: "2026-01-01", to: "2026-01-31" })).toEqual({
      type: "out", channel: "api", user: "a@example.com", from: "2026-01-01", to: "2026-01-31",
    });
    expect(movementFiltersSchema.safeParse({ type: "gift" }).success).toBe(false);
    expect(movementFiltersSchema.safeParse({ from: "2026-13-01" }).success).toBe(false);
    expect(movementFiltersSchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
  });

  it("read the first value of repeated parameters", () => {
    expect(firstValues({ a: ["1", "2"], b: "x", c: undefined })).toEqual({ a: "1", b: "x" });
    expect(firstValues(new URLSearchParams("a=1&a=2&b=x"))).toEqual({ a: "1", b: "x" });
  });
});

describe("dates", () => {
  it("the trend covers the last 30 UTC days, today last", () => {
    const days = trendDays(new Date("2026-03-01T10:00:00Z"));
    expect(days).toHaveLength(TREND_DAYS);
    expect(days[0]).toBe("2026-01-31");
    expect(days.at(-1)).toBe("2026-03-01");
  });

  it("an inclusive end date ends at the next UTC midnight; file names carry the day", () => {
    expect(dayAfter("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(csvFileName("valuation", new Date("2026-11-22T05:00:00Z"))).toBe("valuation-2026-11-22.csv");
  });
});
