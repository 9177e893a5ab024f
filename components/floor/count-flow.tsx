"use client";
// Blind counting on the handheld: location (one of the session's) → product → counted quantity →
// Record. The expected quantity is never sent to this screen; the list shows only what this
// session has counted. Counting the same product at the same location again either adds to the
// earlier count (a second box) or replaces it (a recount) — the counter chooses.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { BlindLine } from "@/lib/counts/count-sessions";
import type { Scanned, ScannedLocation, ScannedProduct } from "@/lib/stock/scan-lookup";
import { cn } from "../ui/cn";
import { CheckIcon } from "../ui/icons";
import { signal } from "./feedback";
import { sameProduct } from "./same-product";
import { BigFigure, ConfirmBar, confirmClasses, DoneField, QuantityField, ResultPanel, ScanField, TodoField, type CameraLabels } from "./steps";
import { useWedgeScanner } from "./use-wedge-scanner";

type Step = "location" | "product" | "quantity" | "confirm";
type Mode = "add" | "set";
const MAX_QTY = 1_000_000;

export function CountFlow({
  session,
  initialCounted,
  record,
  resolve,
}: {
  session: { id: string; number: string; locations: string[] };
  initialCounted: BlindLine[];
  record: (sessionId: string, input: unknown) => Promise<ActionResult<{ line: BlindLine; counted: BlindLine[] }>>;
  resolve: (code: string, expect: "product" | "location") => Promise<ActionResult<Scanned | null>>;
}) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const [counted, setCounted] = useState(initialCounted);
  const [location, setLocation] = useState<ScannedLocation | null>(null);
  const [product, setProduct] = useState<ScannedProduct | null>(null);
  const [qty, setQty] = useState("1");
  const [mode, setMode] = useState<Mode>("add");
  const [step, setStep] = useState<Step>("location");
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: "done"; line: BlindLine } | { kind: "failed"; message: string } | null>(null);
  const inFlight = useRef(false);
  const lastGood = useRef(1);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === "quantity") qtyRef.current?.focus();
    else if (step === "confirm") confirmRef.current?.focus();
    else scanRef.current?.focus();
  }, [step]);

  const camera: CameraLabels = { open: t("camera"), close: t("cameraClose"), title: t("cameraTitle"), hint: t("cameraHint"), failed: t("cameraFailed") };
  const quantity = /^\d+$/.test(qty) ? Number(qty) : NaN;
  const qtyValid = Number.isInteger(quantity) && quantity >= 0 && quantity <= MAX_QTY;
  const prior = location && product ? counted.find((l) => l.location === location.code && l.sku === product.sku) : undefined;
  const ready = Boolean(location && product && qtyValid);

  const fail = (message: string) => {
    setFieldError(message);
    signal("error");
  };
  const goTo = (s: Step) => {
    setFieldError(null);
    setText("");
    setStep(s);
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

  const lookup = async (code: string, expect: "product" | "location") => {
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

  const onLocation = async (code: string) => {
    const found = await lookup(code, "location");
    if (found === undefined) return;
    if (!found) return fail(t("unknownCode", { code }));
    if (found.kind !== "location") return fail(t("notALocation", { code: found.sku }));
    if (!session.locations.includes(found.code)) return fail(t("notInCount", { code: found.code }));
    signal("scan");
    setOutcome(null);
    setLocation(found);
    goTo(product ? "quantity" : "product");
  };

  const onProduct = async (code: string) => {
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (!found) return fail(t("unknownCode", { code }));
    if (found.kind === "location") {
      // The next bin's label: counting moves on to that location.
      if (!session.locations.includes(found.code)) return fail(t("notInCount", { code: found.code }));
      setLocation(found);
      setOutcome(null);
      signal("scan");
      setFieldError(null);
      setText("");
      return;
    }
    signal("scan");
    setOutcome(null);
    if (found.sku !== product?.sku) setQuantity(1);
    setProduct(found);
    goTo("quantity");
  };

  const onScanAtQuantity = async (code: string) => {
    if (!product) return;
    if (sameProduct(code, product)) return addOne();
    const found = await lookup(code, "product");
    if (found?.kind === "product" && found.sku === product.sku) return addOne();
    if (found !== undefined) fail(t("recordFirst", { sku: product.sku }));
  };

  const onQuantityEnter = (v: string) => {
    if (/^\d+$/.test(v)) {
      if (Number(v) > MAX_QTY) return fail(t("quantityRange", { max: format.number(MAX_QTY) }));
      setFieldError(null);
      setStep("confirm");
      return;
    }
    if (!v) return;
    setQty(String(lastGood.current));
    void onScanAtQuantity(v).then(() => qtyRef.current?.select());
  };

  useWedgeScanner((code) => {
    if (step === "confirm" || step === "quantity") void onScanAtQuantity(code);
    else if (step === "product") void onProduct(code);
    else void onLocation(code);
  });

  const submit = async () => {
    if (!ready || inFlight.current || !location || !product) return;
    inFlight.current = true;
    setPending(true);
    try {
      const r = await record(session.id, { sku: product.sku, location: location.code, counted: quantity, mode: prior ? mode : "set" });
      if (r.ok) {
        setCounted(r.data.counted);
        setOutcome({ kind: "done", line: r.data.line });
        signal("success");
        setProduct(null);
        setQuantity(1);
        setMode("add");
        // The step may not change (Confirm pressed while at it): focus explicitly for the next scan.
        requestAnimationFrame(() => scanRef.current?.focus());
        goTo("product");
      } else {
        setOutcome({ kind: "failed", message: r.error.message });
        signal("error");
      }
    } catch {
      // Recording a count is idempotent in "set" mode only; say so rather than retry blindly.
      setOutcome({ kind: "failed", message: t("noAnswerCount") });
      signal("error");
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  const scanField = (which: "location" | "product", n: number, label: string, hint: string, onSubmit: (v: string) => void) => (
    <ScanField
      id={`scan-${which}`}
      n={n}
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

  const mine = [...counted].sort((a, b) => b.countedAt.localeCompare(a.countedAt));

  return (
    <div className="space-y-3">
      <div className="rounded-2xl bg-sky-700 px-4 py-3 text-white">
        <p className="font-mono text-lg font-bold">{session.number}</p>
        <p className="text-base text-white/90">{t("blindNote")}</p>
        <p className="mt-1 text-sm break-words text-white/80">
          {t("countLocations")}: <span className="font-mono">{session.locations.join(", ")}</span>
        </p>
      </div>

      {step === "location"
        ? scanField("location", 1, t("location"), t("scanLocationHint"), (v) => void onLocation(v))
        : location
          ? <DoneField n={1} label={t("location")} code={location.code} name={location.name} onChange={() => goTo("location")} changeLabel={t("change")} />
          : null}

      {step === "product" ? (
        scanField("product", 2, t("product"), t("scanProductHint"), (v) => void onProduct(v))
      ) : product ? (
        <DoneField n={2} label={t("product")} code={product.sku} name={product.name} onChange={() => goTo("product")} changeLabel={t("change")} />
      ) : (
        <TodoField n={2} label={t("product")} />
      )}

      {product ? (
        <QuantityField
          id="counted"
          n={3}
          label={t("countedQuantity")}
          unit={product.unit}
          value={qty}
          min={0}
          onChange={(v) => {
            const clean = v.replace(/\s/g, "");
            setQty(clean);
            if (/^\d+$/.test(clean)) lastGood.current = Number(clean);
            setFieldError(null);
            if (outcome?.kind === "done") setOutcome(null);
          }}
          onStep={(d) => setQuantity(Math.max(0, (Number.isFinite(quantity) ? quantity : lastGood.current) + d))}
          onSubmit={onQuantityEnter}
          inputRef={qtyRef}
          active={step === "quantity"}
          error={step === "quantity" ? fieldError : null}
          hint={step === "quantity" ? t("quantityHint") : undefined}
          labels={{ less: t("less"), more: t("more") }}
        />
      ) : (
        <TodoField n={3} label={t("countedQuantity")} />
      )}

      {prior ? (
        <fieldset className="rounded-2xl bg-white p-3 shadow-sm">
          <legend className="float-left mb-2 w-full text-lg font-bold">{t("alreadyCounted", { n: format.number(prior.counted) })}</legend>
          <div className="clear-both grid grid-cols-2 gap-2">
            {(["add", "set"] as const).map((m) => (
              <label
                key={m}
                className={cn(
                  "flex min-h-16 cursor-pointer items-center justify-center rounded-xl border-2 px-2 text-center text-base leading-tight font-semibold",
                  mode === m ? "border-indigo-600 bg-indigo-50 text-indigo-900" : "border-zinc-300",
                )}
              >
                <input type="radio" name="count-mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="sr-only" />
                {m === "add"
                  ? t("modeAdd", { total: format.number(prior.counted + (Number.isFinite(quantity) ? quantity : 0)) })
                  : t("modeSet", { total: format.number(Number.isFinite(quantity) ? quantity : 0) })}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {outcome?.kind === "done" ? (
        <ResultPanel tone="success" title={t("countRecorded", { sku: outcome.line.sku })}>
          <BigFigure caption={t("countedAt", { location: outcome.line.location })} value={format.number(outcome.line.counted)} />
        </ResultPanel>
      ) : outcome?.kind === "failed" ? (
        <ResultPanel tone="error" title={t("notRecorded")}>
          <p className="text-lg font-medium">{outcome.message}</p>
        </ResultPanel>
      ) : null}

      <ConfirmBar>
        <button ref={confirmRef} type="button" onClick={() => void submit()} disabled={!ready || pending} aria-busy={pending || undefined} className={confirmClasses}>
          <CheckIcon className="size-7" />
          {pending ? t("recording") : t("record")}
        </button>
      </ConfirmBar>

      <section aria-labelledby="counted-heading" className="pt-4">
        <h2 id="counted-heading" className="mb-2 text-lg font-bold">
          {t("countedSoFar", { n: counted.length })}
        </h2>
        {mine.length === 0 ? (
          <p className="rounded-2xl bg-white p-4 text-base text-zinc-600">{t("nothingCountedYet")}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 overflow-hidden rounded-2xl bg-white shadow-sm">
            {mine.map((l) => (
              <li key={`${l.location}|${l.sku}`} className="flex items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-mono text-lg font-bold">{l.sku}</p>
                  <p className="truncate text-sm text-zinc-600">
                    <span className="font-mono font-semibold text-zinc-800">{l.location}</span> · {l.name}
                  </p>
                </div>
                <p className="shrink-0 text-3xl font-black tabular">{format.number(l.counted)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
