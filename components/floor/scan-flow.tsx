"use client";
// What the handheld flows (count, receive/issue/move) share: scan a location → scan a product →
// set the quantity → (Receive of a lot-tracked product: lot and expiry) → (Move: the destination)
// → Confirm.
//
// Scans come from the scanner input (./scanner/use-scanner.ts): one unit per code, queued and
// handled in order, so fast scanning never appends codes or loses letters. Codes are resolved on
// the device first (./local/catalog.ts), the server only when the device does not know the code.
// A failed scan clears itself and reports only that code. At the quantity step and after it, a
// scan of the current product (barcode, SKU or a GS1 label with its GTIN) adds one; a scan of
// another product is refused with "Confirm … first" (nothing is posted behind the clerk's back);
// in Move a location scanned after the quantity is the destination. Receive against a purchase
// order (./purchase-receive-flow.tsx) adds a scan taken before the steps (the order number) and a
// most per product (what is open).
//
// The state lives in a ref as well as in React state: a queued scan is handled after the previous
// one finished, and must see what that one changed, not what the screen showed when it arrived.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { ActionResult } from "@/lib/action";
import type { Scanned, ScannedLocation, ScannedProduct } from "@/lib/stock/scan-lookup";
import { cn } from "../ui/cn";
import { signal } from "./feedback";
import { resolveLocally, scannedLocation, scannedProduct } from "./local/catalog";
import { parseGs1, type Gs1 } from "./scanner/gs1";
import { isSameProduct } from "./scanner/same-product";
import { useScanner } from "./scanner/use-scanner";
import { QuantityField, ScanStep, TodoField, type CameraLabels, type ScanInput } from "./steps";

/** The largest quantity a flow accepts. */
export const MAX_QTY = 1_000_000;

/** The server action that turns a scanned code into a product or a location (null: unknown). */
export type Resolve = (code: string, expect: "product" | "location") => Promise<ActionResult<Scanned | null>>;

/** A resolved scan: a product (with what a GS1 label said about lot and expiry) or a location. */
export type Found = { kind: "product"; product: ScannedProduct; gs1?: Gs1 } | { kind: "location"; location: ScannedLocation };

/** The camera button's labels in the current language. */
export function useCameraLabels(): CameraLabels {
  const t = useTranslations("floor");
  return { open: t("camera"), close: t("cameraClose"), title: t("cameraTitle"), hint: t("cameraHint"), failed: t("cameraFailed") };
}

/** GTIN-14 as the barcodes a product may carry (EAN-13, UPC-A, EAN-8), longest first. */
function gtinCandidates(gtin: string): string[] {
  const out = [gtin];
  for (const len of [13, 12, 8]) if (gtin.length > len && /^0+$/.test(gtin.slice(0, gtin.length - len))) out.push(gtin.slice(gtin.length - len));
  return out;
}

/**
 * Resolves a code: the device's catalogue first, then the server. `{found: null}` when unknown,
 * `{error}` when the server could not be asked (offline) or refused.
 */
export async function resolveCode(code: string, prefer: "product" | "location", server: Resolve, offlineText: string): Promise<{ found: Found | null } | { error: string }> {
  const local = await resolveLocally(code, prefer).catch(() => undefined);
  if (local?.kind === "product") return { found: { kind: "product", product: scannedProduct(local.product), gs1: local.gs1 } };
  if (local?.kind === "location") return { found: { kind: "location", location: scannedLocation(local.location) } };
  const gs1 = parseGs1(code);
  try {
    for (const candidate of gs1 ? gtinCandidates(gs1.gtin) : [code]) {
      const r = await server(candidate, gs1 ? "product" : prefer);
      if (!r.ok) return { error: r.error.message };
      if (r.data?.kind === "product") return { found: { kind: "product", product: r.data, ...(gs1 ? { gs1 } : {}) } };
      if (r.data?.kind === "location" && !gs1) return { found: { kind: "location", location: r.data } };
    }
    return { found: null };
  } catch {
    return { error: offlineText };
  }
}

export type Step = "location" | "product" | "quantity" | "lot" | "to" | "confirm";

export type FlowState<Outcome> = {
  step: Step;
  location: ScannedLocation | null;
  product: ScannedProduct | null;
  qty: string;
  /** The last valid quantity (what a scan adds one to). */
  lastGood: number;
  fieldError: string | null;
  outcome: Outcome | null;
  /** Move: where the goods go. */
  to: ScannedLocation | null;
  /** Receive of a lot-tracked product: the lot and its expiry (YYYY-MM-DD or ""). */
  lot: string;
  expiresAt: string;
  /** Issue/Move of a lot-tracked product: the lot chosen, "" for first-to-expire (FEFO). */
  pickLot: string;
};

function initial<O>(): FlowState<O> {
  return { step: "location", location: null, product: null, qty: "1", lastGood: 1, fieldError: null, outcome: null, to: null, lot: "", expiresAt: "", pickLot: "" };
}

/** State kept in a ref (read by queued scans) and mirrored into renders. */
function useFlowState<O>() {
  const ref = useRef<FlowState<O>>(initial<O>());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const set = useCallback((patch: Partial<FlowState<O>> | ((s: FlowState<O>) => Partial<FlowState<O>>)) => {
    ref.current = { ...ref.current, ...(typeof patch === "function" ? patch(ref.current) : patch) };
    rerender();
  }, []);
  return [ref, set] as const;
}

export function useScanFlow<Outcome extends { kind: string }>({
  resolve,
  minQuantity,
  checkLocation,
  checkProduct,
  withTo = false,
  lotOnReceipt = false,
  otherProduct,
  takeScan,
  maxQuantity,
  overMax,
  focusKey,
}: {
  resolve: Resolve;
  minQuantity: number;
  /** Why this location may not be used here, or null when it may. */
  checkLocation: (found: ScannedLocation) => string | null;
  /** Why this product may not be used here, or null when it may. */
  checkProduct?: (found: ScannedProduct) => string | null;
  /** Move: a destination step after the quantity. */
  withTo?: boolean;
  /** Receive: lot-tracked products ask for lot and expiry. */
  lotOnReceipt?: boolean;
  /** The refusal for another product (`scanned`, when it resolved to one) scanned after the quantity. */
  otherProduct: (current: ScannedProduct, scanned?: ScannedProduct) => string;
  /**
   * A scan the screen handles before the steps (Receive against an order: the order number comes
   * first); resolves true when it took the scan. Queued scans after it then reach the steps.
   */
  takeScan?: (code: string) => Promise<boolean> | boolean;
  /** The most this product may be (Receive against an order: what is still open), null for no limit. */
  maxQuantity?: (product: ScannedProduct) => number | null;
  /** The refusal when a scan, +, or a typed quantity goes above maxQuantity. */
  overMax?: (product: ScannedProduct, max: number) => string;
  /** When this changes, the focus goes to the current step again (the screen around the steps changed). */
  focusKey?: string;
}) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const camera = useCameraLabels();
  const [state, set] = useFlowState<Outcome>();
  const s = state.current;
  const inFlight = useRef(false);
  const [pending, setPending] = useReducer((_: boolean, v: boolean) => v, false);
  const lotRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const needsLot = (p: ScannedProduct | null) => lotOnReceipt && p?.tracking === "lot";
  /** Where the flow goes once the quantity is set. */
  const afterQuantity = (st: FlowState<Outcome>): Step => (needsLot(st.product) && !st.lot ? "lot" : withTo && !st.to ? "to" : "confirm");

  /** Shows what is wrong under the current field, with the error sound. */
  const fail = (message: string) => {
    set({ fieldError: message });
    signal("error");
  };
  /** A scan was taken: the scan sound, and the last result panel goes. */
  const accept = (patch: Partial<FlowState<Outcome>>) => {
    signal("scan");
    set({ fieldError: null, outcome: null, ...patch });
  };
  /** Why `n` of the current product is too many (maxQuantity), or null. */
  const overLimit = (n: number): string | null => {
    const p = state.current.product;
    const max = p && maxQuantity ? maxQuantity(p) : null;
    return p && max !== null && n > max ? (overMax?.(p, max) ?? t("quantityRange", { max: format.number(max) })) : null;
  };
  const addOne = () => {
    const n = Math.min(MAX_QTY, state.current.lastGood + 1);
    const over = overLimit(n);
    if (over) return fail(over);
    accept({ qty: String(n), lastGood: n });
  };
  /** A GS1 label's lot and expiry, when this flow asks for them. */
  const lotFrom = (found: Extract<Found, { kind: "product" }>) =>
    needsLot(found.product) && found.gs1?.lot ? { lot: found.gs1.lot, expiresAt: found.gs1.expiresAt ?? "" } : {};

  const lookup = async (code: string, prefer: "product" | "location"): Promise<Found | null | undefined> => {
    const r = await resolveCode(code, prefer, resolve, t("offline"));
    if ("error" in r) {
      fail(r.error);
      return undefined;
    }
    if (!r.found) fail(t("unknownCode", { code }));
    return r.found;
  };

  const usableLocation = (found: Found | null | undefined): ScannedLocation | undefined => {
    if (!found) return undefined;
    if (found.kind !== "location") return void fail(t("notALocation", { code: found.product.sku }));
    const problem = checkLocation(found.location);
    if (problem) return void fail(problem);
    return found.location;
  };

  const onLocation = async (code: string) => {
    const location = usableLocation(await lookup(code, "location"));
    if (!location) return;
    const st = state.current;
    accept({ location, step: st.product ? "quantity" : "product" });
  };

  const onProduct = async (code: string) => {
    const found = await lookup(code, "product");
    if (!found) return;
    if (found.kind === "location") {
      // A bin label instead: that location, still waiting for the product.
      const problem = checkLocation(found.location);
      if (problem) return fail(problem);
      return accept({ location: found.location });
    }
    const problem = checkProduct?.(found.product);
    if (problem) return fail(problem);
    const st = state.current;
    const same = st.product?.sku === found.product.sku;
    accept({
      product: found.product,
      step: "quantity",
      ...(same ? {} : { qty: "1", lastGood: 1, lot: "", expiresAt: "", pickLot: "" }),
      ...lotFrom(found),
    });
  };

  const onTo = async (code: string) => {
    const to = usableLocation(await lookup(code, "location"));
    if (!to) return;
    if (state.current.location && to.code === state.current.location.code) return fail(t("sameLocation"));
    accept({ to, step: "confirm" });
  };

  /** A scan at the quantity, lot or Confirm step. */
  const onLater = async (code: string) => {
    const st = state.current;
    const product = st.product;
    if (!product) return;
    if (isSameProduct(code, product)) {
      const gs1 = parseGs1(code);
      if (gs1 && needsLot(product) && gs1.lot && !st.lot) set({ lot: gs1.lot, expiresAt: gs1.expiresAt ?? "" });
      return addOne();
    }
    const found = await lookup(code, "product");
    if (!found) return;
    if (found.kind === "product" && found.product.sku === product.sku) {
      if (!st.lot) set(lotFrom(found));
      return addOne();
    }
    if (found.kind === "location" && withTo) {
      if (!qtyValid(state.current.qty)) return fail(t("quantityRange", { max: format.number(MAX_QTY) }));
      return onTo(code);
    }
    fail(otherProduct(product, found.kind === "product" ? found.product : undefined));
  };

  const onScan = async (code: string) => {
    if (takeScan && (await takeScan(code))) return;
    const step = state.current.step;
    if (step === "location") return onLocation(code);
    if (step === "product") return onProduct(code);
    if (step === "to") return onTo(code);
    return onLater(code);
  };

  const qtyValid = (v: string) => /^\d+$/.test(v) && Number(v) >= minQuantity && Number(v) <= MAX_QTY;

  const scanner = useScanner({
    onScan,
    // A burst typed into the quantity was a scan: the quantity (and what a scan adds one to) goes back.
    quantity: { get: () => state.current.qty, set: (v) => set((st) => ({ qty: v, lastGood: /^\d+$/.test(v) ? Number(v) : st.lastGood, fieldError: null })) },
  });

  // The focus follows the step: a person's typing goes to the right place (a scanner's keys are
  // caught wherever the focus is).
  useEffect(() => {
    if (s.step === "quantity") scanner.quantityRef.current?.focus();
    else if (s.step === "lot") lotRef.current?.focus();
    else if (s.step === "confirm") confirmRef.current?.focus();
    else scanner.scanRef.current?.focus();
  }, [s.step, focusKey, scanner.quantityRef, scanner.scanRef]);

  const quantity = /^\d+$/.test(s.qty) ? Number(s.qty) : NaN;

  /** Enter in the quantity (typed, not scanned): a valid number moves on. */
  const onQuantityEnter = (v: string) => {
    if (!qtyValid(v)) return fail(t("quantityRange", { max: format.number(MAX_QTY) }));
    const over = overLimit(Number(v));
    if (over) return fail(over);
    set({ fieldError: null, step: afterQuantity(state.current) });
  };

  /** Lot step: Enter in the lot field (typed or a lot label scanned into it). */
  const onLotEnter = (v: string) => {
    const st = state.current;
    const code = v.trim();
    if (!code) return fail(t("lotRequired"));
    if (st.product && isSameProduct(code, st.product)) {
      const gs1 = parseGs1(code);
      set({ lot: gs1?.lot ?? "", expiresAt: gs1?.expiresAt ?? st.expiresAt });
      return addOne();
    }
    const gs1 = parseGs1(code);
    set({ lot: gs1?.lot ?? code, ...(gs1?.expiresAt ? { expiresAt: gs1.expiresAt } : {}), fieldError: null });
    signal("scan");
  };

  /** Lot step done (Enter in the expiry, or Next). */
  const finishLot = () => {
    const st = state.current;
    if (!st.lot.trim()) return fail(t("lotRequired"));
    if (st.expiresAt && !/^\d{4}-\d{2}-\d{2}$/.test(st.expiresAt)) return fail(t("expiryInvalid"));
    set({ fieldError: null, step: withTo && !st.to ? "to" : "confirm" });
  };

  /** The − / + buttons: a new quantity, so the last result panel goes. */
  const stepQuantity = (delta: number) => {
    const st = state.current;
    const n = Math.min(MAX_QTY, Math.max(minQuantity, (/^\d+$/.test(st.qty) ? Number(st.qty) : st.lastGood) + delta));
    const over = delta > 0 ? overLimit(n) : null;
    if (over) return fail(over);
    // With a limit, a refusal of too many goes once the quantity changes.
    set({ qty: String(n), lastGood: n, outcome: null, ...(maxQuantity && st.fieldError ? { fieldError: null } : {}) });
  };

  /** Runs `send` unless a send is already under way (a double tap), with Confirm showing it is busy. */
  const sendOnce = async (send: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    try {
      await send();
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  /** After a success: success sound, the product clears for the next scan at the same location. */
  const startNext = (outcome: Outcome) => {
    signal(outcome.kind === "queued" ? "queued" : "success");
    set({ product: null, qty: "1", lastGood: 1, lot: "", expiresAt: "", pickLot: "", to: withTo ? null : state.current.to, fieldError: null, outcome, step: "product" });
    requestAnimationFrame(() => scanner.scanRef.current?.focus());
  };

  const goTo = (step: Step) => set({ step, fieldError: null });

  /** What every ScanStep of the flow shares: one scan input, its text, message and camera. */
  const scanInput: ScanInput = {
    value: scanner.text,
    onChange: (v) => {
      scanner.setText(v);
      if (state.current.fieldError) set({ fieldError: null });
    },
    error: s.fieldError,
    inputRef: scanner.scanRef,
    busy: scanner.busy,
    camera,
  };

  /** The quantity field's props that do not change between flows. */
  const quantityInput = {
    value: s.qty,
    min: minQuantity,
    onChange: (v: string) => {
      const clean = v.replace(/\s/g, "");
      set((st) => ({ qty: clean, lastGood: /^\d+$/.test(clean) ? Number(clean) : st.lastGood, fieldError: null, outcome: st.outcome?.kind === "done" ? null : st.outcome }));
    },
    inputRef: scanner.quantityRef,
    active: s.step === "quantity",
    error: s.step === "quantity" ? s.fieldError : null,
    hint: s.step === "quantity" ? t("quantityHint") : undefined,
    labels: { less: t("less"), more: t("more") },
  };

  /** The props every ScanStep of this flow takes for step `which`. */
  const scanStep = (which: Step) => ({
    id: `scan-${which}`,
    current: s.step === which,
    onRedo: () => goTo(which),
    changeLabel: t("change"),
    input: { ...scanInput, onSubmit: scanner.push },
  });

  /** Back to the first step with nothing scanned (Receive against an order: another order). */
  const restart = () => set(initial<Outcome>());

  return {
    state: s,
    set,
    stateRef: state,
    quantity,
    qtyValid: qtyValid(s.qty),
    pending,
    confirmRef,
    lotRef,
    scanner,
    fail,
    goTo,
    onQuantityEnter,
    onLotEnter,
    finishLot,
    stepQuantity,
    sendOnce,
    startNext,
    scanStep,
    quantityInput,
    /** The one scan input, for a scan field before the steps (e.g. the purchase order). */
    scanField: { ...scanInput, onSubmit: scanner.push },
    overLimit,
    restart,
  };
}

/** What useScanFlow gives, as the shared step components below see it. */
type ScanFlow = ReturnType<typeof useScanFlow<{ kind: string }>>;

/** A line under the steps saying how many scans wait behind the one being handled. */
export function ScanQueueNote({ flow }: { flow: Pick<ScanFlow, "scanner"> }) {
  const t = useTranslations("floor");
  const n = flow.scanner.waiting;
  return (
    <p aria-live="polite" className={n ? "text-base font-semibold text-indigo-800" : "sr-only"}>
      {n ? t("scansWaiting", { n }) : ""}
    </p>
  );
}

/** Steps 1 and 2 of every flow: scan the location, then the product. */
export function LocationAndProductSteps({ flow, locationLabel }: { flow: Pick<ScanFlow, "state" | "scanStep">; locationLabel: string }) {
  const t = useTranslations("floor");
  const { location, product } = flow.state;
  return (
    <>
      <ScanStep {...flow.scanStep("location")} n={1} label={locationLabel} hint={t("scanLocationHint")} scanned={location} />
      <ScanStep {...flow.scanStep("product")} n={2} label={t("product")} hint={t("scanProductHint")} scanned={product && { code: product.sku, name: product.name }} />
    </>
  );
}

/** Step 3 of every flow: the quantity once a product is scanned, else still to come. */
export function QuantityStep({ flow, id, label }: { flow: Pick<ScanFlow, "state" | "quantityInput" | "stepQuantity" | "onQuantityEnter">; id: string; label: string }) {
  if (!flow.state.product) return <TodoField n={3} label={label} />;
  return <QuantityField id={id} n={3} label={label} unit={flow.state.product.unit} {...flow.quantityInput} onStep={flow.stepQuantity} onSubmit={flow.onQuantityEnter} />;
}

/** Receive of a lot-tracked product: the lot (required; typed, or scanned from a lot or GS1 label) and the expiry. */
export function LotStep<O extends { kind: string }>({ flow }: { flow: Pick<ReturnType<typeof useScanFlow<O>>, "state" | "set" | "stateRef" | "lotRef" | "onLotEnter" | "finishLot"> }) {
  const t = useTranslations("floor");
  const { state, lotRef } = flow;
  const { step, fieldError } = state;
  const active = step === "lot";
  return (
    <div className={cn("rounded-2xl bg-white p-3 shadow-sm", active ? "border-2 border-indigo-600" : "border-2 border-transparent")}>
      <p className="mb-2 text-lg font-bold">{t("lotAndExpiry")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="lot" className="mb-1 block text-base font-semibold">
            {t("lot")}
          </label>
          <input
            ref={lotRef}
            id="lot"
            value={state.lot}
            onChange={(e) => flow.set({ lot: e.target.value, fieldError: null })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                flow.onLotEnter(e.currentTarget.value);
                if (flow.stateRef.current.lot) document.getElementById("expiry")?.focus();
              }
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            aria-invalid={active && fieldError ? true : undefined}
            aria-describedby={active && fieldError ? "lot-error" : "lot-hint"}
            className="h-14 w-full rounded-xl border-2 border-zinc-300 px-3 font-mono text-xl font-semibold focus:border-indigo-600 focus:outline-none"
          />
        </div>
        <div>
          <label htmlFor="expiry" className="mb-1 block text-base font-semibold">
            {t("expiry")}
          </label>
          <input
            id="expiry"
            type="date"
            value={state.expiresAt}
            onChange={(e) => flow.set({ expiresAt: e.target.value, fieldError: null })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                flow.finishLot();
              }
            }}
            className="h-14 w-full rounded-xl border-2 border-zinc-300 px-3 text-xl font-semibold focus:border-indigo-600 focus:outline-none"
          />
        </div>
      </div>
      {active && fieldError ? (
        <p id="lot-error" className="mt-2 text-lg font-semibold text-red-700">
          {fieldError}
        </p>
      ) : (
        <p id="lot-hint" className="mt-2 text-base text-zinc-600">
          {t("lotHint")}
        </p>
      )}
      {active ? (
        <button type="button" onClick={flow.finishLot} className="mt-3 h-12 rounded-xl border-2 border-zinc-300 px-5 text-base font-semibold active:bg-zinc-100">
          {t("next")}
        </button>
      ) : null}
    </div>
  );
}
