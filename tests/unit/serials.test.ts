// Serial items: identifier format and uniqueness, IMEI Luhn, and the state table (every pair).
import { describe, expect, it } from "vitest";
import { generateIdentifier, IDENTIFIER_LENGTH, IDENTIFIER_PATTERN, normalizeIdentifier } from "@/lib/serials/identifier";
import { imeiCheckDigit, imeiSchema, luhnValid } from "@/lib/serials/imei";
import { allowedTargets, decideSerial, nextArrivalCheck, onHand, SERIAL_STATUSES, type SerialStatus } from "@/lib/serials/states";

describe("identifier", () => {
  it("is 48 hex digits in 12 groups of 4, unique over 100,000", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const id = generateIdentifier();
      expect(id.length).toBe(IDENTIFIER_LENGTH);
      if (!IDENTIFIER_PATTERN.test(id)) throw new Error(`bad identifier ${id}`);
      seen.add(id);
    }
    expect(seen.size).toBe(100_000);
  });

  it("normalizes scanned forms", () => {
    const id = generateIdentifier();
    expect(normalizeIdentifier(id.toUpperCase())).toBe(id);
    expect(normalizeIdentifier(id.replaceAll("-", ""))).toBe(id);
    expect(normalizeIdentifier(`${id}0`)).toBeNull();
    expect(normalizeIdentifier("not-an-identifier")).toBeNull();
  });
});

describe("IMEI", () => {
  it("checks the Luhn digit on known IMEIs", () => {
    for (const ok of ["490154203237518", "356938035643809", "352099001761481"]) expect(luhnValid(ok)).toBe(true);
    for (const bad of ["490154203237517", "356938035643808", "352099001761482", "123456789012345"]) expect(luhnValid(bad)).toBe(false);
    expect(imeiCheckDigit("49015420323751")).toBe("8");
  });

  it("validates input as printed", () => {
    expect(imeiSchema.parse("49-015420-323751-8")).toBe("490154203237518");
    expect(imeiSchema.parse("35 693803 564380 9")).toBe("356938035643809");
    expect(imeiSchema.safeParse("49015420323751").success).toBe(false);
    expect(imeiSchema.safeParse("490154203237517").error?.issues[0].message).toMatch(/check digit/);
  });
});

describe("serial state table", () => {
  const EXPECTED: Record<SerialStatus, SerialStatus[]> = {
    planned: ["in_transit", "arrived", "abnormal"],
    in_transit: ["arrived", "abnormal"],
    arrived: ["out_of_stock", "abnormal"],
    out_of_stock: ["abnormal"],
    abnormal: [],
  };
  for (const from of SERIAL_STATUSES) {
    for (const to of SERIAL_STATUSES) {
      it(`${from} → ${to}`, () => {
        const d = decideSerial(from, to);
        if (EXPECTED[from].includes(to)) expect(d.ok).toBe(true);
        else expect(d).toEqual({ ok: false, from, to, allowed: EXPECTED[from] });
      });
    }
  }

  it("resolves abnormal only back to where it came from", () => {
    for (const from of ["planned", "in_transit", "arrived", "out_of_stock"] as const) {
      expect(allowedTargets("abnormal", from)).toEqual([from]);
      for (const to of SERIAL_STATUSES) expect(decideSerial("abnormal", to, from).ok).toBe(to === from);
    }
  });

  it("arrival needs a location and posts in; shipping posts out", () => {
    const arrive = decideSerial("in_transit", "arrived");
    expect(arrive.ok && "needsLocation" in arrive.edge && arrive.edge).toMatchObject({ needsLocation: true, movement: "in" });
    const ship = decideSerial("arrived", "out_of_stock");
    expect(ship.ok && ship.edge).toMatchObject({ movement: "out" });
  });

  it("is on hand only when arrived (or frozen while arrived)", () => {
    expect(onHand("arrived", null)).toBe(true);
    expect(onHand("abnormal", "arrived")).toBe(true);
    expect(onHand("abnormal", "in_transit")).toBe(false);
    expect(onHand("out_of_stock", null)).toBe(false);
  });

  it("arrival checks 1 then 2, only while planned or in transit", () => {
    const t = new Date();
    expect(nextArrivalCheck("in_transit", null, null)).toBe(1);
    expect(nextArrivalCheck("in_transit", t, null)).toBe(2);
    expect(nextArrivalCheck("in_transit", t, t)).toBeNull();
    expect(nextArrivalCheck("arrived", null, null)).toBeNull();
    expect(nextArrivalCheck("abnormal", null, null)).toBeNull();
  });
});
