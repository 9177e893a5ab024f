"use client";
// What the handheld flows (count, receive/issue/move) share: scan a location → scan a product →
// set the quantity → Confirm, with the focus following the step, a lookup per scan, and the same
// product scanned again adding 1. Each flow adds its own checks, extra steps and what it sends.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { Scanned, ScannedLocation, ScannedProduct } from "@/lib/stock/scan-lookup";
import { signal } from "./feedback";
import { sameProduct } from "./same-product";
import { QuantityField, ScanStep, TodoField, type CameraLabels, type ScanInput } from "./steps";

/** The largest quantity a flow accepts. */
const MAX_QTY = 1_000_000;

/** The server action that turns a scanned code into a product or a location (null: unknown). */
export type Resolve = (code: string, expect: "product" | "location") => Promise<ActionResult<Scanned | null>>;

/** The camera button's labels in the current language. */
export function useCameraLabels(): CameraLabels {
  const t = useTranslations("floor");
  return { open: t("camera"), close: t("cameraClose"), title: t("cameraTitle"), hint: t("cameraHint"), failed: t("cameraFailed") };
}

/**
 * The shared state and steps of a scan flow. `Extra` names a flow's own steps (Move's "to");
 * `Outcome` is what the result panel shows after Confirm.
 */
export function useScanFlow<Extra extends string, Outcome extends { kind: "done" | "failed" }>({
  resolve,
  minQuantity,
  checkLocation,
  checkProduct,
}: {
  resolve: Resolve;
  minQuantity: number;
  /** Why this location may not be used here, or null when it may. */
  checkLocation: (found: ScannedLocation) => string | null;
  /** Why this product may not be used here, or null when it may. */
  checkProduct?: (found: ScannedProduct) => string | null;
}) {
  type Step = "location" | "product" | "quantity" | "confirm" | Extra;
  const t = useTranslations("floor");
  const format = useFormatter();
  const camera = useCameraLabels();
  const [step, setStep] = useState<Step>("location");
  const [location, setLocation] = useState<ScannedLocation | null>(null);
  const [product, setProduct] = useState<ScannedProduct | null>(null);
  const [qty, setQty] = useState("1");
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inFlight = useRef(false);
  /** The quantity before a scanner typed a code over it. */
  const lastGood = useRef(1);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  // The focus follows the step: the scanner always types into the right place.
  useEffect(() => {
    if (step === "quantity") qtyRef.current?.focus();
    else if (step === "confirm") confirmRef.current?.focus();
    else scanRef.current?.focus();
  }, [step]);

  const quantity = /^\d+$/.test(qty) ? Number(qty) : NaN;
  const qtyValid = Number.isInteger(quantity) && quantity >= minQuantity && quantity <= MAX_QTY;

  /** Shows what is wrong under the current field, with the error sound. */
  const fail = (message: string) => {
    setFieldError(message);
    signal("error");
  };
  /** Empties the scan input and its message. */
  const clearField = () => {
    setFieldError(null);
    setText("");
  };
  const goTo = (s: Step) => {
    clearField();
    setStep(s);
  };
  /** A scan was taken: the scan sound, and the last result panel goes. */
  const accept = () => {
    signal("scan");
    setOutcome(null);
  };
  const setQuantity = (n: number) => {
    lastGood.current = n;
    setQty(String(n));
  };
  const addOne = () => {
    setQuantity(lastGood.current + 1);
    accept();
  };

  /** The scanned thing, null when the code is unknown, undefined when the lookup failed (already shown). */
  const lookup = async (code: string, expect: "product" | "location"): Promise<Scanned | null | undefined> => {
    setResolving(true);
    try {
      const r = await resolve(code, expect);
      if (!r.ok) {
        fail(r.error.message);
        return undefined;
      }
      return r.data;
    } catch {
      fail(t("offline"));
      return undefined;
    } finally {
      setResolving(false);
    }
  };

  /** Looks up a code that must be a usable location; on anything else shows why and gives undefined. */
  const scanLocation = async (code: string): Promise<ScannedLocation | undefined> => {
    const found = await lookup(code, "location");
    if (found === undefined) return undefined;
    if (!found) return void fail(t("unknownCode", { code }));
    if (found.kind !== "location") return void fail(t("notALocation", { code: found.sku }));
    const problem = checkLocation(found);
    if (problem) return void fail(problem);
    return found;
  };

  /** A scan at the location step. */
  const onLocation = async (code: string) => {
    const found = await scanLocation(code);
    if (!found) return;
    accept();
    setLocation(found);
    goTo(product ? "quantity" : "product");
  };

  /** A scan at the product step; a bin label instead moves on to that location. */
  const onProduct = async (code: string) => {
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (!found) return fail(t("unknownCode", { code }));
    if (found.kind === "location") {
      const problem = checkLocation(found);
      if (problem) return fail(problem);
      setLocation(found);
      accept();
      clearField();
      return;
    }
    const problem = checkProduct?.(found);
    if (problem) return fail(problem);
    accept();
    if (found.sku !== product?.sku) setQuantity(1);
    setProduct(found);
    goTo("quantity");
  };

  /** A scan while the quantity or Confirm has focus: the same product adds one, anything else goes to `other`. */
  const onScanAtQuantity = async (code: string, other: (found: Scanned | null, product: ScannedProduct) => unknown) => {
    if (!product) return;
    if (sameProduct(code, product)) return addOne();
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (found?.kind === "product" && found.sku === product.sku) return addOne();
    await other(found, product);
  };

  /** Enter in the quantity: a number moves on to `next`; anything else is a scanner's code (see onScanAtQuantity). */
  const onQuantityEnter = (v: string, next: Step, scanAtQuantity: (code: string) => Promise<unknown>) => {
    if (/^\d+$/.test(v)) {
      const n = Number(v);
      if (n < minQuantity || n > MAX_QTY) return fail(t("quantityRange", { max: format.number(MAX_QTY) }));
      setFieldError(null);
      setStep(next);
      return;
    }
    if (!v) return;
    // A scanner typed into the quantity: put back what was there before handling the code.
    setQty(String(lastGood.current));
    void scanAtQuantity(v).then(() => qtyRef.current?.select());
  };

  /** The − / + buttons: a new quantity, so the last result panel (green or red) goes. */
  const stepQuantity = (delta: number) => {
    setQuantity(Math.max(minQuantity, (Number.isFinite(quantity) ? quantity : lastGood.current) + delta));
    setOutcome(null);
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

  /** After a success: success sound, the product clears for the next scan at the same location, then `next`. */
  const startNext = (next: Step) => {
    signal("success");
    setProduct(null);
    setQuantity(1);
    // The step may not change (Confirm pressed while at it): focus explicitly for the next scan.
    requestAnimationFrame(() => scanRef.current?.focus());
    goTo(next);
  };

  /** What every ScanStep of the flow shares: one scan input, its text, message and camera. */
  const scanInput: ScanInput = {
    value: text,
    onChange: (v) => {
      setText(v);
      setFieldError(null);
    },
    error: fieldError,
    inputRef: scanRef,
    busy: resolving,
    camera,
  };

  /** The quantity field's props that do not change between flows. */
  const quantityInput = {
    value: qty,
    min: minQuantity,
    onChange: (v: string) => {
      const clean = v.replace(/\s/g, "");
      setQty(clean);
      if (/^\d+$/.test(clean)) lastGood.current = Number(clean);
      setFieldError(null);
      if (outcome?.kind === "done") setOutcome(null);
    },
    inputRef: qtyRef,
    active: step === "quantity",
    error: step === "quantity" ? fieldError : null,
    hint: step === "quantity" ? t("quantityHint") : undefined,
    labels: { less: t("less"), more: t("more") },
  };

  /** The props every ScanStep of this flow takes for step `which`. */
  const scanStep = (which: Step) => ({
    id: `scan-${which}`,
    current: step === which,
    onRedo: () => goTo(which),
    changeLabel: t("change"),
    input: scanInput,
  });

  return {
    step,
    setStep,
    goTo,
    location,
    product,
    quantity,
    qtyValid,
    outcome,
    setOutcome,
    fieldError,
    setFieldError,
    fail,
    pending,
    confirmRef,
    scanLocation,
    onLocation,
    onProduct,
    onScanAtQuantity,
    onQuantityEnter,
    stepQuantity,
    sendOnce,
    startNext,
    accept,
    scanStep,
    quantityInput,
  };
}

/** What useScanFlow gives, as the shared step components below see it. */
type ScanFlow = ReturnType<typeof useScanFlow<never, never>>;

/** Steps 1 and 2 of every flow: scan the location, then the product. */
export function LocationAndProductSteps({ flow, locationLabel }: { flow: Pick<ScanFlow, "location" | "product" | "onLocation" | "onProduct" | "scanStep">; locationLabel: string }) {
  const t = useTranslations("floor");
  const { location, product } = flow;
  return (
    <>
      <ScanStep {...flow.scanStep("location")} n={1} label={locationLabel} hint={t("scanLocationHint")} scanned={location} onScan={(v) => void flow.onLocation(v)} />
      <ScanStep
        {...flow.scanStep("product")}
        n={2}
        label={t("product")}
        hint={t("scanProductHint")}
        scanned={product && { code: product.sku, name: product.name }}
        onScan={(v) => void flow.onProduct(v)}
      />
    </>
  );
}

/** Step 3 of every flow: the quantity once a product is scanned, else still to come. */
export function QuantityStep({
  flow,
  id,
  label,
  onStep,
  onSubmit,
}: {
  flow: Pick<ScanFlow, "product" | "quantityInput">;
  id: string;
  label: string;
  onStep: (delta: number) => void;
  onSubmit: (v: string) => void;
}) {
  if (!flow.product) return <TodoField n={3} label={label} />;
  return <QuantityField id={id} n={3} label={label} unit={flow.product.unit} {...flow.quantityInput} onStep={onStep} onSubmit={onSubmit} />;
}
