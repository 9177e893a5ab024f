// Formatting of document numbers, checked against Python's strftime (what Odoo uses): the
// expected values below were produced by datetime.strftime for the same moments.
import { describe, expect, it } from "vitest";
import { isIsoDate, parseLocalDateTime, periodBounds, type LocalDateTime } from "@/lib/numbering/calendar";
import {
  PLACEHOLDER_KEYS,
  PLACEHOLDERS,
  compilePattern,
  formatSequenceNumber,
  interpolate,
  padNumber,
  parsePattern,
  patternProblems,
  type NumberDates,
} from "@/lib/numbering/format";
import { patternSchema, sequenceCreateSchema } from "@/lib/numbering/schemas";

const at = (s: string): LocalDateTime => parseLocalDateTime(s);

const STRFTIME: Record<string, Record<string, string>> = {
  "2026-03-05 14:07:09": { year: "2026", month: "03", day: "05", y: "26", doy: "064", woy: "09", weekday: "4", h24: "14", h12: "02", min: "07", sec: "09" },
  "2023-01-01 00:00:00": { year: "2023", month: "01", day: "01", y: "23", doy: "001", woy: "00", weekday: "0", h24: "00", h12: "12", min: "00", sec: "00" },
  "2018-01-01 12:30:59": { year: "2018", month: "01", day: "01", y: "18", doy: "001", woy: "01", weekday: "1", h24: "12", h12: "12", min: "30", sec: "59" },
  "2024-12-31 23:59:59": { year: "2024", month: "12", day: "31", y: "24", doy: "366", woy: "53", weekday: "2", h24: "23", h12: "11", min: "59", sec: "59" },
  "2026-12-31 00:00:00": { year: "2026", month: "12", day: "31", y: "26", doy: "365", woy: "52", weekday: "4", h24: "00", h12: "12", min: "00", sec: "00" },
  "2025-06-15 09:05:01": { year: "2025", month: "06", day: "15", y: "25", doy: "166", woy: "23", weekday: "0", h24: "09", h12: "09", min: "05", sec: "01" },
};

// Three different moments, so a placeholder reading the wrong one shows.
const DATES: NumberDates = {
  effective: at("2026-03-05 14:07:09"),
  range: at("2018-01-01 12:30:59"),
  current: at("2024-12-31 23:59:59"),
};

describe("placeholders", () => {
  it("offers the eleven Odoo keys, each plain, range_ and current_", () => {
    expect(PLACEHOLDER_KEYS).toHaveLength(11);
    expect(PLACEHOLDERS).toHaveLength(33);
    expect(PLACEHOLDERS).toContain("range_woy");
    expect(PLACEHOLDERS).toContain("current_h12");
  });

  for (const [moment, expected] of Object.entries(STRFTIME)) {
    it(`matches strftime for every key at ${moment}`, () => {
      const dt = at(moment);
      for (const key of PLACEHOLDER_KEYS) {
        expect(interpolate(`%(${key})s`, { effective: dt, range: dt, current: dt }), key).toBe(expected[key]);
      }
    });
  }

  it("reads the document date for plain, the range start for range_, the clock for current_", () => {
    const effective = STRFTIME["2026-03-05 14:07:09"];
    const range = STRFTIME["2018-01-01 12:30:59"];
    const current = STRFTIME["2024-12-31 23:59:59"];
    for (const key of PLACEHOLDER_KEYS) {
      expect(interpolate(`%(${key})s`, DATES), key).toBe(effective[key]);
      expect(interpolate(`%(range_${key})s`, DATES), `range_${key}`).toBe(range[key]);
      expect(interpolate(`%(current_${key})s`, DATES), `current_${key}`).toBe(current[key]);
    }
  });

  it("mixes placeholders with literal text and %% as a percent sign", () => {
    expect(interpolate("WH/%(year)s-%(month)s/%(range_y)s/%(current_doy)s/", DATES)).toBe("WH/2026-03/18/366/");
    expect(interpolate("100%%-%(day)s", DATES)).toBe("100%-05");
    expect(interpolate("no placeholders", DATES)).toBe("no placeholders");
    expect(interpolate("", DATES)).toBe("");
  });
});

describe("padding", () => {
  it("zero-pads like %0Nd and never truncates", () => {
    expect(padNumber(1, 4)).toBe("0001");
    expect(padNumber(42, 6)).toBe("000042");
    expect(padNumber(12345, 3)).toBe("12345");
    expect(padNumber(7, 0)).toBe("7");
    expect(padNumber(0, 2)).toBe("00");
  });
});

describe("prefix + number + suffix", () => {
  it("composes the full number", () => {
    expect(formatSequenceNumber({ prefix: "WH/IN/%(range_year)s/", suffix: "", padding: 5 }, 42, DATES)).toBe("WH/IN/2018/00042");
    expect(formatSequenceNumber({ prefix: "PO%(y)s%(month)s-", suffix: "/%(current_year)s", padding: 4 }, 7, DATES)).toBe("PO2603-0007/2024");
    expect(formatSequenceNumber({ prefix: "", suffix: "/A", padding: 4 }, 1, DATES)).toBe("0001/A");
    expect(formatSequenceNumber({ prefix: "", suffix: "", padding: 0 }, 99, DATES)).toBe("99");
  });

  it("builds the seed's ticket number SUP/2025/0001-H from a sequence number and a priority", () => {
    // Seed 002: department prefix SUP/%(range_year)s/, padding 4, yearly ranges; the ticket
    // appends its priority letter to what the sequence returns.
    const dates: NumberDates = { effective: at("2025-01-15"), range: at("2025-01-01"), current: at("2025-01-15 08:00:00") };
    const sequence = { prefix: "SUP/%(range_year)s/", suffix: "", padding: 4 };
    const priority = { high: "H", medium: "M", low: "L" } as const;
    const ticket = (n: number, p: keyof typeof priority) => `${formatSequenceNumber(sequence, n, dates)}-${priority[p]}`;
    expect(ticket(1, "high")).toBe("SUP/2025/0001-H");
    expect(ticket(2, "medium")).toBe("SUP/2025/0002-M");
    expect(formatSequenceNumber({ ...sequence, prefix: "TEC/%(range_year)s/" }, 1, dates) + "-L").toBe("TEC/2025/0001-L");
  });
});

describe("invalid patterns", () => {
  it("refuses an unknown placeholder", () => {
    expect(patternProblems("WH/%(yaer)s/")).toEqual([{ kind: "unknown_placeholder", placeholder: "yaer", index: 3 }]);
    expect(patternProblems("%(range_foo)s")[0]).toMatchObject({ kind: "unknown_placeholder", placeholder: "range_foo" });
    expect(patternProblems("%(next_year)s")[0]).toMatchObject({ kind: "unknown_placeholder" });
  });

  it("refuses an unbalanced %(", () => {
    expect(patternProblems("WH/%(year")).toEqual([{ kind: "unbalanced", index: 3 }]);
    expect(patternProblems("%(year/%(month)s")[0]).toMatchObject({ kind: "unbalanced", index: 0 });
  });

  it("refuses a placeholder without the s conversion and a lone %", () => {
    expect(patternProblems("%(year)d")[0]).toMatchObject({ kind: "missing_conversion", placeholder: "year" });
    expect(patternProblems("%(year)")[0]).toMatchObject({ kind: "missing_conversion" });
    expect(patternProblems("50% off")[0]).toMatchObject({ kind: "lone_percent", index: 2 });
    expect(patternProblems("WH/%Y/")[0]).toMatchObject({ kind: "lone_percent" });
  });

  it("accepts every known placeholder and reports all problems of a pattern", () => {
    expect(patternProblems(PLACEHOLDERS.map((p) => `%(${p})s`).join("/"))).toEqual([]);
    expect(patternProblems("%(a)s %(b)s %(")).toHaveLength(3);
    expect(parsePattern("A%(year)sB").tokens).toEqual(["A", { source: "effective", key: "year" }, "B"]);
  });

  it("throws when asked to format a pattern that was never validated", () => {
    expect(() => compilePattern("%(yaer)s")).toThrow(/Unknown placeholder/);
  });

  it("is enforced by the zod schema with a readable message", () => {
    const r = patternSchema.safeParse("WH/%(yaer)s/");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("Unknown placeholder %(yaer)s.");
    const create = sequenceCreateSchema.safeParse({ code: "x", name: "X", prefix: "ok/", suffix: "%(" });
    expect(create.error?.issues.map((i) => i.path.join("."))).toEqual(["suffix"]);
  });
});

describe("calendar", () => {
  it("validates ISO dates and computes period bounds", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(periodBounds("2026-07-14", "year")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodBounds("2024-02-10", "month")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodBounds("2025-12-31", "month")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });
});
