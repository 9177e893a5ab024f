// The floor's scanner input model (components/floor/scanner): a scanner's burst is one scan
// wherever the focus is; at the quantity, typed digits are a quantity and scanned ones a code.
import { describe, expect, it } from "vitest";
import { ScanDetector, type KeyDecision, type KeyTarget } from "@/components/floor/scanner/detector";
import { isGtin, parseGs1 } from "@/components/floor/scanner/gs1";

/** Feeds `text` + Enter to the detector, `gap` ms apart, starting at `t0`; returns the decisions. */
function type(d: ScanDetector, text: string, target: KeyTarget, gap: number, t0 = 1000): KeyDecision[] {
  const keys = [...text, "Enter"];
  return keys.map((k, i) => d.key(k, t0 + i * gap, target));
}
const scans = (ds: KeyDecision[]) => ds.filter((d) => d.kind === "scan").map((d) => (d as { code: string }).code);

describe("ScanDetector", () => {
  it("a burst at the scan field, on a button or with nothing focused is one scan, every key swallowed", () => {
    for (const target of ["scan", "button"] as const) {
      const d = new ScanDetector();
      const ds = type(d, "A-01-02", target, 3);
      expect(scans(ds)).toEqual(["A-01-02"]);
      expect(ds.every((x) => x.kind !== "native")).toBe(true);
    }
  });

  it("a person typing a code into the scan field is a scan too, at any pace", () => {
    const d = new ScanDetector();
    expect(scans(type(d, "sku-1", "scan", 250))).toEqual(["sku-1"]);
  });

  it("two scans in a row never run together (the text is cleared at Enter)", () => {
    const d = new ScanDetector();
    expect(scans([...type(d, "Z-99-99", "scan", 3, 0), ...type(d, "A-01-04", "scan", 3, 150)])).toEqual(["Z-99-99", "A-01-04"]);
  });

  it("at the quantity, digits typed by a person stay native; Enter is the person's", () => {
    const d = new ScanDetector();
    const ds = type(d, "12", "quantity", 180);
    expect(ds.map((x) => x.kind)).toEqual(["native", "native", "native"]);
  });

  it("a scanner key delivered late does not leave the keys before it in the quantity", () => {
    const d = new ScanDetector();
    // "69" arrive 70 ms apart (a busy phone), then the rest of the burst at scanner pace.
    const ds = [d.key("6", 0, "quantity"), d.key("9", 70, "quantity"), ...type(d, "00000007778", "quantity", 3, 73)];
    expect(ds[0]).toEqual({ kind: "native", starts: true });
    expect(ds[1]).toEqual({ kind: "native", starts: false });
    expect(ds[2]).toEqual({ kind: "takeover", text: "690" });
    expect(scans(ds)).toEqual(["6900000007778"]);
  });

  it("at the quantity, an all-digit EAN scanned is taken over and becomes a scan", () => {
    const d = new ScanDetector();
    const ds = type(d, "6900000007778", "quantity", 3);
    expect(ds[0]).toEqual({ kind: "native", starts: true }); // the first key could be a person's
    expect(ds[1]).toEqual({ kind: "takeover", text: "69" });
    expect(scans(ds)).toEqual(["6900000007778"]);
  });

  it("a short numeric code (≤ 7 digits) scanned at the quantity is a scan, not a quantity", () => {
    const d = new ScanDetector();
    expect(scans(type(d, "1234567", "quantity", 2))).toEqual(["1234567"]);
  });

  it("another text field (lot, expiry) is left to the browser", () => {
    const d = new ScanDetector();
    expect(type(d, "L-2026A", "field", 3).every((x) => x.kind === "native")).toBe(true);
  });

  it("a burst that began at the scan field stays one scan when the focus moves into the quantity or a field mid-way", () => {
    // The previous scan's lookup answers while the next code is being typed: the step changes and
    // the focus goes to the quantity (or the lot field) after a few keys.
    for (const next of ["quantity", "field"] as const) {
      const d = new ScanDetector();
      const code = "6900000007778";
      const ds = [...code].map((k, i) => d.key(k, 1000 + i * 3, i < 5 ? "scan" : next));
      ds.push(d.key("Enter", 1000 + code.length * 3, next));
      expect(ds.every((x) => x.kind !== "native" && x.kind !== "takeover")).toBe(true);
      expect(scans(ds)).toEqual([code]);
      // And a person's typing there afterwards is the field's own again.
      expect(d.key("5", 2000, next).kind).toBe("native");
      expect(d.key("Enter", 2300, next).kind).toBe("native");
    }
  });

  it("a scan stalled mid-way by a busy screen stays one scan; a person's typing does not join one", () => {
    // Taken over at the quantity, then 300 ms of silence (the phone rendering), then the rest.
    const d = new ScanDetector();
    const code = "6900000007778";
    const at = (i: number) => 1000 + i * 3 + (i >= 6 ? 300 : 0);
    const ds = [...code].map((k, i) => d.key(k, at(i), "quantity"));
    ds.push(d.key("Enter", at(code.length), "quantity"));
    expect(scans(ds)).toEqual([code]);
    // Begun at the scan field, the focus moving to the quantity with a 250 ms render in between.
    const e = new ScanDetector();
    const es = [...code].map((k, i) => e.key(k, 5000 + i * 3 + (i >= 4 ? 250 : 0), i < 4 ? "scan" : "quantity"));
    es.push(e.key("Enter", 5400, "quantity"));
    expect(scans(es)).toEqual([code]);
    expect(es.some((x) => x.kind === "native" || x.kind === "takeover")).toBe(false);
    // A person who typed "AB" into the scan field, then (the focus moved) types 5 at the quantity.
    const f = new ScanDetector();
    f.key("A", 0, "scan");
    f.key("B", 250, "scan");
    expect(f.key("5", 600, "quantity").kind).toBe("native");
  });

  it("a configured prefix makes the burst a scan whatever the timing", () => {
    const d = new ScanDetector({ prefix: "§" });
    const ds = [d.key("§", 0, "quantity"), ...type(d, "12", "quantity", 300, 10)];
    expect(scans(ds)).toEqual(["12"]);
  });

  it("Space and Enter on a focused button with nothing typed press it", () => {
    const d = new ScanDetector();
    expect(d.key(" ", 0, "button").kind).toBe("native");
    expect(d.key("Enter", 500, "button").kind).toBe("native");
  });
});

describe("GS1", () => {
  it("reads product, lot and expiry from GS1-128 (with FNC1 as GS) and from the bracketed form", () => {
    expect(parseGs1("]C101069000000000141727013110LOT-1")).toEqual({ gtin: "06900000000014", lot: "LOT-1", expiresAt: "2027-01-31" });
    expect(parseGs1("01069000000000141012AB\u001d17270228")).toEqual({ gtin: "06900000000014", lot: "12AB", expiresAt: "2027-02-28" });
    expect(parseGs1("(01)06900000000014(10)X9")).toEqual({ gtin: "06900000000014", lot: "X9", expiresAt: null });
  });

  it("leaves plain codes alone", () => {
    for (const c of ["6900000000014", "SKU-00001", "A-01-02", "0123"]) expect(parseGs1(c)).toBeNull();
  });

  it("matches a GTIN-14 to EAN-13, UPC-A and EAN-8 barcodes", () => {
    expect(isGtin("6900000000014", "06900000000014")).toBe(true);
    expect(isGtin("012345678905", "00012345678905")).toBe(true);
    expect(isGtin("6900000000021", "06900000000014")).toBe(false);
    expect(isGtin(null, "06900000000014")).toBe(false);
  });
});
