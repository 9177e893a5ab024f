"use client";
// Receive, Issue and Move on the handheld, scan-first:
//   Receive / Issue: location → product → quantity → Confirm
//   Move:            from location → product → quantity → to location → Confirm
// Each scan (code + Enter) moves the focus on; scanning the product again adds 1. One
// Idempotency-Key per confirmed movement, reused by every retry until it succeeds, so a double tap
// or a lost answer never posts twice. After success the location stays for the next product.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FloorPosted, Shortage } from "@/app/floor/actions";
import type { ActionResult } from "@/lib/action";
import type { MovementLineResult } from "@/lib/stock/schemas";
import type { Scanned, ScannedLocation, ScannedProduct } from "@/lib/stock/scan-lookup";
import { useIdempotencyKey } from "../forms/idempotency-key";
import { CheckIcon } from "../ui/icons";
import { signal } from "./feedback";
import { sameProduct } from "./same-product";
import { BigFigure, ConfirmBar, confirmClasses, DoneField, QuantityField, ResultPanel, ScanField, TodoField, type CameraLabels } from "./steps";
import { useWedgeScanner } from "./use-wedge-scanner";

export type FloorMode = "in" | "out" | "transfer";
type Step = "location" | "product" | "quantity" | "to" | "confirm";
type Outcome =
  | { kind: "done"; number: string; line: MovementLineResult; unit: string; replayed: boolean }
  | { kind: "failed"; message: string; shortage?: Shortage };

const MAX_QTY = 1_000_000;
const TIMEOUT_MS = 15_000;
const IN_PROGRESS_RETRIES = 8;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function MovementFlow({
  mode,
  post,
  resolve,
}: {
  mode: FloorMode;
  post: (input: unknown, key: string) => Promise<FloorPosted>;
  resolve: (code: string, expect: "product" | "location") => Promise<ActionResult<Scanned | null>>;
}) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const { keyFor, reset: resetKey } = useIdempotencyKey();

  const [location, setLocation] = useState<ScannedLocation | null>(null);
  const [product, setProduct] = useState<ScannedProduct | null>(null);
  const [to, setTo] = useState<ScannedLocation | null>(null);
  const [qty, setQty] = useState("1");
  const [step, setStep] = useState<Step>("location");
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

  const transfer = mode === "transfer";
  const quantity = /^\d+$/.test(qty) ? Number(qty) : NaN;
  const qtyValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QTY;
  const ready = Boolean(location && product && qtyValid && (!transfer || to));

  // The focus follows the step: the scanner always types into the right place.
  useEffect(() => {
    if (step === "quantity") qtyRef.current?.focus();
    else if (step === "confirm") confirmRef.current?.focus();
    else scanRef.current?.focus();
  }, [step]);

  const camera: CameraLabels = { open: t("camera"), close: t("cameraClose"), title: t("cameraTitle"), hint: t("cameraHint"), failed: t("cameraFailed") };

  /** The first step still missing after `after`, or confirm. */
  const nextStep = useCallback(
    (s: { location: unknown; product: unknown; to: unknown; qtyDone: boolean }): Step => {
      if (!s.location) return "location";
      if (!s.product) return "product";
      if (!s.qtyDone) return "quantity";
      if (transfer && !s.to) return "to";
      return "confirm";
    },
    [transfer],
  );

  const fail = (message: string) => {
    setFieldError(message);
    signal("error");
  };

  const goTo = (s: Step) => {
    setFieldError(null);
    setText("");
    setStep(s);
  };

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

  const setQuantity = (n: number) => {
    lastGood.current = n;
    setQty(String(n));
  };

  const addOne = () => {
    setQuantity(lastGood.current + 1);
    setOutcome(null);
    signal("scan");
  };

  const onLocation = async (code: string, which: "location" | "to") => {
    const found = await lookup(code, "location");
    if (found === undefined) return;
    if (!found) return fail(t("unknownCode", { code }));
    if (found.kind !== "location") return fail(t("notALocation", { code: found.sku }));
    if (!found.active) return fail(t("inactiveLocation", { code: found.code }));
    if (which === "to" && location && found.code === location.code) return fail(t("sameLocation"));
    signal("scan");
    setOutcome(null);
    if (which === "location") {
      setLocation(found);
      goTo(nextStep({ location: found, product, to, qtyDone: false }));
    } else {
      setTo(found);
      goTo("confirm");
    }
  };

  const onProduct = async (code: string) => {
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (!found) return fail(t("unknownCode", { code }));
    if (found.kind === "location") {
      // A bin label scanned instead of a product: the user is moving on to another location.
      if (!found.active) return fail(t("inactiveLocation", { code: found.code }));
      setLocation(found);
      setOutcome(null);
      signal("scan");
      setFieldError(null);
      setText("");
      return;
    }
    if (found.tracking === "serial") return fail(t("serialTracked", { sku: found.sku }));
    signal("scan");
    setOutcome(null);
    if (found.sku !== product?.sku) setQuantity(1);
    setProduct(found);
    goTo("quantity");
  };

  /** A scan while the quantity or Confirm has focus: the same product adds one. */
  const onScanAtQuantity = async (code: string) => {
    if (!product) return;
    if (sameProduct(code, product)) return addOne();
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (found?.kind === "product" && found.sku === product.sku) return addOne();
    if (transfer && found?.kind === "location" && step !== "quantity") return onLocation(code, "to");
    fail(t("confirmFirst", { sku: product.sku }));
  };

  const onQuantityEnter = (v: string) => {
    if (/^\d+$/.test(v)) {
      const n = Number(v);
      if (n < 1 || n > MAX_QTY) return fail(t("quantityRange", { max: format.number(MAX_QTY) }));
      setFieldError(null);
      setStep(nextStep({ location, product, to, qtyDone: true }));
      return;
    }
    if (!v) return;
    // A scanner typed into the quantity: the same product again adds one to what was there.
    setQty(String(lastGood.current));
    void onScanAtQuantity(v).then(() => qtyRef.current?.select());
  };

  useWedgeScanner((code) => {
    if (step === "confirm" || step === "quantity") void onScanAtQuantity(code);
    else if (step === "product") void onProduct(code);
    else void onLocation(code, step === "to" ? "to" : "location");
  });

  const confirm = async () => {
    if (!ready || inFlight.current || !location || !product) return;
    inFlight.current = true;
    setPending(true);
    setFieldError(null);
    const line = transfer ? { sku: product.sku, from: location.code, to: to!.code, quantity } : { sku: product.sku, location: location.code, quantity };
    const input = { type: mode, lines: [line] };
    const key = keyFor(input);
    try {
      for (let attempt = 0; ; attempt++) {
        let r: FloorPosted;
        try {
          r = await withTimeout(post(input, key), TIMEOUT_MS);
        } catch {
          // No answer: the key is kept, so Confirm again replays instead of posting twice.
          setOutcome({ kind: "failed", message: t("noAnswer") });
          signal("error");
          return;
        }
        if (r.ok) {
          resetKey();
          setOutcome({ kind: "done", number: r.data.number, line: r.data.line, unit: product.unit, replayed: r.data.replayed });
          signal("success");
          setProduct(null);
          setQuantity(1);
          // The step may not change (Confirm pressed while at it): focus explicitly for the next scan.
          requestAnimationFrame(() => scanRef.current?.focus());
          goTo(nextStep({ location, product: null, to, qtyDone: false }));
          return;
        }
        if (r.error.code === "IDEMPOTENCY_IN_PROGRESS" && attempt < IN_PROGRESS_RETRIES) {
          await new Promise((res) => setTimeout(res, 500));
          continue;
        }
        setOutcome({ kind: "failed", message: r.error.message, shortage: r.shortage });
        signal("error");
        if (r.shortage) setStep("quantity");
        return;
      }
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  const n = (s: Step) => (["location", "product", "quantity", "to"] as Step[]).indexOf(s) + 1;
  const locLabel = transfer ? t("fromLocation") : t("location");
  const scanField = (which: Step, label: string, hint: string, onSubmit: (v: string) => void) => (
    <ScanField
      id={`scan-${which}`}
      n={n(which)}
      label={label}
      hint={hint}
      value={text}
      onChange={(v) => {
        setText(v);
        setFieldError(null);
      }}
      onSubmit={onSubmit}
      error={fieldError}
      inputRef={scanRef}
      busy={resolving}
      camera={camera}
    />
  );

  return (
    <div className="space-y-3">
      {step === "location"
        ? scanField("location", locLabel, t("scanLocationHint"), (v) => void onLocation(v, "location"))
        : location
          ? (
            <DoneField n={1} label={locLabel} code={location.code} name={location.name} onChange={() => goTo("location")} changeLabel={t("change")} />
          )
          : null}

      {step === "product" ? (
        scanField("product", t("product"), t("scanProductHint"), (v) => void onProduct(v))
      ) : product ? (
        <DoneField n={2} label={t("product")} code={product.sku} name={product.name} onChange={() => goTo("product")} changeLabel={t("change")} />
      ) : (
        <TodoField n={2} label={t("product")} />
      )}

      {product ? (
        <QuantityField
          id="quantity"
          n={3}
          label={t("quantity")}
          unit={product.unit}
          value={qty}
          onChange={(v) => {
            const clean = v.replace(/\s/g, "");
            setQty(clean);
            if (/^\d+$/.test(clean)) lastGood.current = Number(clean);
            setFieldError(null);
            if (outcome?.kind === "done") setOutcome(null);
          }}
          onStep={(d) => {
            setQuantity(Math.max(1, (Number.isFinite(quantity) ? quantity : lastGood.current) + d));
            setOutcome(null);
          }}
          onSubmit={onQuantityEnter}
          inputRef={qtyRef}
          active={step === "quantity"}
          error={step === "quantity" ? fieldError : null}
          hint={step === "quantity" ? t("quantityHint") : undefined}
          labels={{ less: t("less"), more: t("more") }}
        />
      ) : (
        <TodoField n={3} label={t("quantity")} />
      )}

      {transfer ? (
        step === "to" ? (
          scanField("to", t("toLocation"), t("scanToHint"), (v) => void onLocation(v, "to"))
        ) : to ? (
          <DoneField n={4} label={t("toLocation")} code={to.code} name={to.name} onChange={() => goTo("to")} changeLabel={t("change")} />
        ) : (
          <TodoField n={4} label={t("toLocation")} />
        )
      ) : null}

      {outcome ? renderOutcome(outcome) : null}

      <ConfirmBar>
        {step === "confirm" && fieldError ? (
          <p role="alert" className="mb-2 text-lg font-semibold text-red-700">
            {fieldError}
          </p>
        ) : null}
        <button ref={confirmRef} type="button" onClick={() => void confirm()} disabled={!ready || pending} aria-busy={pending || undefined} className={confirmClasses}>
          <CheckIcon className="size-7" />
          {pending ? t("posting") : t("confirm")}
        </button>
      </ConfirmBar>
    </div>
  );

  function renderOutcome(outcome: Outcome) {
    if (outcome.kind === "failed") {
      if (outcome.shortage) {
        const s = outcome.shortage;
        return (
          <ResultPanel tone="error" title={t("notEnough")}>
            <BigFigure caption={t("availableAt", { location: s.location })} value={format.number(s.available)} />
            <p className="mt-2 text-lg">{t("youAsked", { requested: format.number(s.requested), sku: s.sku })}</p>
          </ResultPanel>
        );
      }
      return (
        <ResultPanel tone="error" title={t("notPosted")}>
          <p className="text-lg font-medium">{outcome.message}</p>
        </ResultPanel>
      );
    }
    const l = outcome.line;
    const what = t(`did.${mode}`, { quantity: format.number(l.quantity), sku: l.sku });
    return (
      <ResultPanel tone="success" title={what}>
        {mode === "transfer" ? (
          <div className="grid grid-cols-2 gap-3">
            <BigFigure caption={t("leftAt", { location: l.from ?? "" })} value={format.number(l.fromBalance ?? 0)} />
            <BigFigure caption={t("nowAt", { location: l.to ?? "" })} value={format.number(l.toBalance ?? 0)} />
          </div>
        ) : (
          <BigFigure caption={t("newBalanceAt", { location: l.location ?? "" })} value={format.number(l.balance ?? 0)} unit={outcome.unit} />
        )}
        <p className="mt-2 font-mono text-base text-white/85">{outcome.number}</p>
      </ResultPanel>
    );
  }
}
