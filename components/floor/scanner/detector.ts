// Tells a scanner from a person, key by key. A keyboard-wedge scanner "types" a whole code and
// Enter in about 30 ms (a few ms between keys); a person types far slower. The floor screens send
// every keydown here (components/floor/scanner/use-scanner.ts) and do what it decides:
//
//   - At a scan field, on a button or with nothing focused, every printable key is scan text (shown
//     in the scan field) and Enter completes a scan — even while the screen is re-rendering or the
//     focus is moving, so no character is lost or lands in the wrong place.
//   - In the quantity field, a key typed at a person's pace is a quantity digit (the browser types
//     it). When a second key follows within `gapMs`, the keys are a scan: the detector takes them
//     over ("takeover": the quantity goes back to what it was before the first key) and Enter
//     completes the scan. So an all-digit EAN scanned at the quantity step adds one instead of
//     becoming a quantity, and typed digits stay a quantity.
//   - A configured prefix character (many scanners can send one, e.g. "§") makes the rest of the
//     burst a scan whatever the timing.
//   - Any other text field (lot, expiry, settings) is left to the browser.
// Pure: no DOM, no timers — unit-tested in tests/unit/floor-scanner.test.ts.

export type KeyTarget = "scan" | "quantity" | "button" | "field";

export type KeyDecision =
  /** Let the browser handle the key (`starts`: the first quantity key of what may be a burst). */
  | { kind: "native"; starts?: boolean }
  /** Swallow the key (preventDefault); nothing changes. */
  | { kind: "swallow" }
  /** Swallow the key; the scan text is now `text`. */
  | { kind: "text"; text: string }
  /** Swallow the key; keys typed into the quantity were a scan: put the quantity back, scan text is `text`. */
  | { kind: "takeover"; text: string }
  /** Swallow the Enter: `code` is one complete scan. */
  | { kind: "scan"; code: string };

export type DetectorOptions = {
  /** The longest gap between two keys of one scanner burst, in ms. */
  gapMs?: number;
  /** A character the scanner sends before every code (optional). */
  prefix?: string | null;
};

export const DEFAULT_GAP_MS = 40;
/**
 * Keys closer than this belong to the same burst as the key before them, even when the gap is
 * above `gapMs`: a busy phone can deliver one of a scanner's keys late, and the keys before it
 * must not be left behind in the quantity. A person's keys are further apart.
 */
const JOIN_MS = 100;
/**
 * Once keys are known to be a scan (a burst taken over from the quantity, or one that began at the
 * scan field), the keys up to Enter keep joining it across a stall this long: a busy phone may hold
 * a burst back for a few hundred ms while it renders, and a person does not type into a scan.
 */
const STALL_MS = 1000;

export class ScanDetector {
  /** The scan text typed so far (what the scan field shows). */
  text = "";
  private last = -Infinity;
  /** Keys that went into the quantity field at the start of a possible burst. */
  private qtyBurst = "";
  /** After the prefix: everything up to Enter is a scan. */
  private forced = false;
  /** Whether the scan text so far came at a scanner's pace (every key within JOIN_MS). */
  private textFast = false;
  /** Keys since the quantity field lost them to a takeover (so Enter ends a scan). */
  private takenOver = false;
  private readonly gapMs: number;
  private readonly prefix: string | null;

  constructor(opts: DetectorOptions = {}) {
    this.gapMs = opts.gapMs ?? DEFAULT_GAP_MS;
    this.prefix = opts.prefix ? opts.prefix : null;
  }

  /** The scan field was edited by other means (soft keyboard, paste, Backspace). */
  setText(text: string): void {
    this.text = text;
    this.textFast = false;
  }

  /** Forget everything in progress (the screen changed). */
  reset(): void {
    this.text = "";
    this.qtyBurst = "";
    this.forced = false;
    this.takenOver = false;
  }

  /** `key` is KeyboardEvent.key; `at` a monotonic time in ms (event.timeStamp). */
  key(key: string, at: number, target: KeyTarget): KeyDecision {
    const gap = at - this.last;
    const fast = gap <= this.gapMs;
    const joined = gap <= Math.max(JOIN_MS, this.gapMs);
    const stalled = gap <= Math.max(STALL_MS, this.gapMs);
    this.last = at;
    const printable = key.length === 1;

    if (this.prefix && key === this.prefix && target !== "field") {
      this.forced = true;
      this.takenOver = false;
      this.qtyBurst = "";
      this.text = "";
      return { kind: "text", text: "" };
    }

    // A burst that began at the scan field (or a button) and goes on after the focus moved into a
    // field — the screen reached the next step while the scanner was typing — stays one scan: the
    // keys before the move must not be cut off, nor the ones after it typed into the field.
    if (target !== "scan" && target !== "button" && !this.forced) {
      // (Text typed at a person's pace, or a single key, does not carry over a stall.)
      const burstInProgress = this.text.length > 1 && this.textFast ? stalled : (this.text.length > 0 && joined);
      if (!this.takenOver && burstInProgress && !this.qtyBurst && (printable || key === "Enter")) this.takenOver = true;
      if (this.takenOver && key === "Enter") {
        this.qtyBurst = "";
        return this.complete();
      }
      if (this.takenOver && printable && stalled) {
        this.text += key;
        return { kind: "text", text: this.text };
      }
    }

    if (target === "field" && !this.forced) {
      this.takenOver = false;
      this.qtyBurst = "";
      return { kind: "native" };
    }

    if (target === "quantity" && !this.forced) {
      if (key === "Enter") {
        this.qtyBurst = "";
        return { kind: "native" };
      }
      if (!printable) {
        this.qtyBurst = "";
        return { kind: "native" };
      }
      if (fast && this.qtyBurst) {
        this.text = this.qtyBurst + key;
        this.qtyBurst = "";
        this.takenOver = true;
        return { kind: "takeover", text: this.text };
      }
      // A person's key, or the first keys of a burst: the quantity field gets them for now.
      this.takenOver = false;
      this.text = "";
      this.qtyBurst = joined ? this.qtyBurst + key : key;
      return { kind: "native", starts: this.qtyBurst.length === 1 };
    }

    // A scan field, a button, nothing focused — or anywhere after the prefix.
    this.qtyBurst = "";
    if (key === "Enter") {
      if (this.text.trim()) return this.complete();
      this.forced = false;
      return { kind: "native" };
    }
    if (!printable) return { kind: "native" };
    // A space on a button with nothing typed is a person pressing it.
    if (key === " " && !this.text && target === "button" && !this.forced) return { kind: "native" };
    this.textFast = this.text ? this.textFast && joined : true;
    this.text += key;
    return { kind: "text", text: this.text };
  }

  private complete(): KeyDecision {
    const code = this.text.trim();
    this.text = "";
    this.forced = false;
    this.takenOver = false;
    return code ? { kind: "scan", code } : { kind: "swallow" };
  }
}
