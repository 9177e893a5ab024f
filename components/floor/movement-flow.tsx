"use client";
// Receive, Issue and Move on the handheld, scan-first:
//   Receive / Issue: location → product → quantity → Confirm
//   Move:            from location → product → quantity → to location → Confirm
// Each scan (code + Enter) moves the focus on; scanning the product again adds 1. One
// Idempotency-Key per confirmed movement, reused by every retry until it succeeds, so a double tap
// or a lost answer never posts twice. After success the location stays for the next product.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { FloorPosted, Shortage } from "@/app/floor/actions";
import type { MovementLineResult } from "@/lib/stock/schemas";
import type { ScannedLocation } from "@/lib/stock/scan-lookup";
import { useIdempotencyKey } from "../forms/idempotency-key";
import { CheckIcon } from "../ui/icons";
import { signal } from "./feedback";
import { BigFigure, ConfirmBar, confirmClasses, ResultPanel, ScanStep } from "./steps";
import { LocationAndProductSteps, QuantityStep, useScanFlow, type Resolve } from "./scan-flow";
import { useWedgeScanner } from "./use-wedge-scanner";

export type FloorMode = "in" | "out" | "transfer";
type Outcome =
  | { kind: "done"; number: string; line: MovementLineResult; unit: string; replayed: boolean }
  | { kind: "failed"; message: string; shortage?: Shortage };

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
  resolve: Resolve;
}) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const flow = useScanFlow<"to", Outcome>({
    resolve,
    minQuantity: 1,
    checkLocation: (l) => (l.active ? null : t("inactiveLocation", { code: l.code })),
    checkProduct: (p) => (p.tracking === "serial" ? t("serialTracked", { sku: p.sku }) : null),
  });
  const { step, location, product, quantity, outcome, fieldError, pending, confirmRef } = flow;
  const [to, setTo] = useState<ScannedLocation | null>(null);

  const transfer = mode === "transfer";
  const ready = Boolean(location && product && flow.qtyValid && (!transfer || to));

  /** A scan at the "to" step (Move only). */
  const onTo = async (code: string) => {
    const found = await flow.scanLocation(code);
    if (!found) return;
    if (location && found.code === location.code) return flow.fail(t("sameLocation"));
    flow.accept();
    setTo(found);
    flow.goTo("confirm");
  };

  /** At Confirm, Move also takes the "to" label; anything else must wait for Confirm. */
  const onScanAtQuantity = (code: string) =>
    flow.onScanAtQuantity(code, (found, p) =>
      transfer && found?.kind === "location" && step !== "quantity" ? onTo(code) : flow.fail(t("confirmFirst", { sku: p.sku })),
    );

  useWedgeScanner((code) => {
    if (step === "confirm" || step === "quantity") void onScanAtQuantity(code);
    else if (step === "product") void flow.onProduct(code);
    else if (step === "to") void onTo(code);
    else void flow.onLocation(code);
  });

  const confirm = async () => {
    if (!ready || !location || !product) return;
    await flow.sendOnce(async () => {
      flow.setFieldError(null);
      const line = transfer ? { sku: product.sku, from: location.code, to: to!.code, quantity } : { sku: product.sku, location: location.code, quantity };
      const input = { type: mode, lines: [line] };
      const key = keyFor(input);
      for (let attempt = 0; ; attempt++) {
        let r: FloorPosted;
        try {
          r = await withTimeout(post(input, key), TIMEOUT_MS);
        } catch {
          // No answer: the key is kept, so Confirm again replays instead of posting twice.
          flow.setOutcome({ kind: "failed", message: t("noAnswer") });
          signal("error");
          return;
        }
        if (r.ok) {
          resetKey();
          flow.setOutcome({ kind: "done", number: r.data.number, line: r.data.line, unit: product.unit, replayed: r.data.replayed });
          flow.startNext("product");
          return;
        }
        if (r.error.code === "IDEMPOTENCY_IN_PROGRESS" && attempt < IN_PROGRESS_RETRIES) {
          await new Promise((res) => setTimeout(res, 500));
          continue;
        }
        flow.setOutcome({ kind: "failed", message: r.error.message, shortage: r.shortage });
        signal("error");
        if (r.shortage) flow.setStep("quantity");
        return;
      }
    });
  };

  const locLabel = transfer ? t("fromLocation") : t("location");
  return (
    <div className="space-y-3">
      <LocationAndProductSteps flow={flow} locationLabel={locLabel} />

      <QuantityStep
        flow={flow}
        id="quantity"
        label={t("quantity")}
        onStep={flow.stepQuantity}
        onSubmit={(v) => flow.onQuantityEnter(v, transfer && !to ? "to" : "confirm", onScanAtQuantity)}
      />

      {transfer ? (
        <ScanStep
          {...flow.scanStep("to")}
          n={4}
          label={t("toLocation")}
          hint={t("scanToHint")}
          scanned={to}
          onScan={(v) => void onTo(v)}
        />
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
