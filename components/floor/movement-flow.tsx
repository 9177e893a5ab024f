"use client";
// Receive, Issue and Move on the handheld, scan-first:
//   Receive: location → product → quantity → (lot-tracked: lot + expiry) → Confirm
//   Issue:   location → product → quantity → Confirm (lot-tracked: first to expire, or a chosen lot)
//   Move:    from location → product → quantity → to location → Confirm
// Issue and Move show what is available at the location before Confirm (the device's last known
// figure when offline). Confirm writes the movement to the device's outbox with its own
// Idempotency-Key and sends it at once: online the clerk sees the result as before; with no
// network it is queued ("N waiting" in the header) and sent when the network is back, exactly
// once. After a success or a queued movement the location stays for the next product.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { StockAt } from "@/lib/stock/scan-lookup";
import type { ActionResult } from "@/lib/action";
import { CheckIcon } from "../ui/icons";
import { cn } from "../ui/cn";
import { signal } from "./feedback";
import { useStockErrorText } from "../forms/use-stock-error-text";
import { useFloorUser } from "./floor-user";
import { localLevel } from "./local/catalog";
import type { QueuedLine } from "./local/db";
import { discard, enqueue, sendOutbox } from "./local/outbox";
import { LocationAndProductSteps, LotStep, QuantityStep, ScanQueueNote, useScanFlow, type Resolve } from "./scan-flow";
import { BigFigure, ConfirmBar, confirmClasses, ResultPanel, ScanStep } from "./steps";

export type FloorMode = "in" | "out" | "transfer";
type Outcome =
  | { kind: "done"; number: string; sku: string; quantity: number; unit: string; location: string; to?: string; balance?: number; fromBalance?: number; toBalance?: number; lots?: { code: string; quantity: number }[] }
  | { kind: "queued"; sku: string; quantity: number }
  | { kind: "failed"; message: string; shortage?: { location: string; available: number; requested: number; sku: string } };

/** How long Confirm waits for the server before leaving the movement queued. */
const CONFIRM_WAIT_MS = 8_000;

type Available = { source: "server" | "device"; at?: string } & StockAt;

export function MovementFlow({ mode, resolve, stockAt }: { mode: FloorMode; resolve: Resolve; stockAt: (sku: string, location: string) => Promise<ActionResult<StockAt>> }) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const user = useFloorUser();
  const errorText = useStockErrorText();
  const transfer = mode === "transfer";
  const flow = useScanFlow<Outcome>({
    resolve,
    minQuantity: 1,
    checkLocation: (l) => (l.active ? null : t("inactiveLocation", { code: l.code })),
    checkProduct: (p) => (p.tracking === "serial" ? t("serialTracked", { sku: p.sku }) : null),
    withTo: transfer,
    lotOnReceipt: mode === "in",
    otherProduct: (p) => t("confirmFirst", { sku: p.sku }),
  });
  const { state, quantity, pending, confirmRef } = flow;
  const { step, location, product, outcome, fieldError, to } = state;
  const lotTracked = product?.tracking === "lot";
  const ready = Boolean(location && product && flow.qtyValid && (!transfer || to) && (mode !== "in" || !lotTracked || state.lot.trim()));

  // What is available where the goods come from (Issue, Move), before Confirm.
  const [fetched, setFetched] = useState<{ key: string; value: Available } | null>(null);
  const sku = product?.sku;
  const from = location?.code;
  const availableKey = mode !== "in" && sku && from ? `${sku}|${from}` : null;
  const available = fetched && fetched.key === availableKey ? fetched.value : null;
  useEffect(() => {
    if (!availableKey || !sku || !from) return;
    let live = true;
    const show = (value: Available) => live && setFetched({ key: availableKey, value });
    (async () => {
      const known = await localLevel(sku, from).catch(() => undefined);
      show({ source: "device", at: known?.at, quantity: known?.quantity ?? 0, reserved: known?.reserved ?? 0, available: known ? known.quantity - known.reserved : 0, lots: known?.lots ?? [] });
      try {
        const r = await stockAt(sku, from);
        if (r.ok) show({ source: "server", ...r.data });
      } catch {
        // Offline: the device's figure stays, marked "last known".
      }
    })();
    return () => {
      live = false;
    };
  }, [availableKey, sku, from, stockAt, outcome]);

  const confirm = async () => {
    if (!ready || !location || !product || !user) return;
    await flow.sendOnce(async () => {
      const st = flow.stateRef.current;
      const line: QueuedLine = transfer
        ? { sku: product.sku, from: location.code, to: to!.code, quantity }
        : { sku: product.sku, location: location.code, quantity };
      if (mode === "in" && lotTracked) {
        line.lot = st.lot.trim();
        if (st.expiresAt) line.expiresAt = st.expiresAt;
      }
      if (mode !== "in" && lotTracked && st.pickLot) line.lot = st.pickLot;
      const key = crypto.randomUUID();
      try {
        await enqueue({ key, userId: user.id, userName: user.name, type: mode, line, name: product.name, unit: product.unit });
      } catch {
        // IndexedDB refused (storage full or disabled): nothing was kept, so say so and post nothing.
        flow.set({ outcome: { kind: "failed", message: t("storageUnavailable") } });
        signal("error");
        return;
      }
      const r = await Promise.race([sendOutbox(key), new Promise<undefined>((res) => setTimeout(() => res(undefined), CONFIRM_WAIT_MS))]);
      if (r?.kind === "sent") {
        const res = r.item.result!;
        return flow.startNext({ kind: "done", number: res.number, sku: line.sku, quantity: line.quantity, unit: product.unit, location: line.location ?? line.from!, to: line.to, balance: res.balance, fromBalance: res.fromBalance, toBalance: res.toBalance, lots: res.lots });
      }
      if (r?.kind === "refused") {
        // Refused while the clerk watches: shown here to fix on the spot, not left in the outbox.
        await discard(key);
        const e = r.item.error!;
        flow.set({
          outcome: {
            kind: "failed",
            message: errorText(e.message, e) ?? e.message,
            ...(e.code === "INSUFFICIENT_STOCK" && e.available !== undefined ? { shortage: { location: e.location ?? line.location ?? line.from!, available: e.available, requested: line.quantity, sku: line.sku } } : {}),
          },
          ...(e.code === "INSUFFICIENT_STOCK" ? { step: "quantity" as const } : {}),
        });
        signal("error");
        return;
      }
      // No network, signed out, or no answer in time: it waits in the outbox and goes out by itself.
      flow.startNext({ kind: "queued", sku: line.sku, quantity: line.quantity });
    });
  };

  const locLabel = transfer ? t("fromLocation") : t("location");
  return (
    <div className="space-y-3">
      <LocationAndProductSteps flow={flow} locationLabel={locLabel} />

      <QuantityStep flow={flow} id="quantity" label={t("quantity")} />

      {mode === "in" && lotTracked ? <LotStep flow={flow} /> : null}

      {transfer ? <ScanStep {...flow.scanStep("to")} n={4} label={t("toLocation")} hint={t("scanToHint")} scanned={to} /> : null}

      {available && product && location ? renderAvailable(available) : null}

      <ScanQueueNote flow={flow} />

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

  function renderAvailable(a: Available) {
    const caption = a.source === "server" ? t("availableAt", { location: location!.code }) : t("lastKnownAt", { location: location!.code });
    const short = Number.isFinite(quantity) && quantity > a.available;
    return (
      <section aria-label={t("availability")} className={cn("rounded-2xl p-3 shadow-sm", short ? "bg-amber-50 ring-2 ring-amber-500" : "bg-white")}>
        <p className="text-base font-medium text-zinc-700">{caption}</p>
        <p className="text-4xl font-black tabular">
          {format.number(a.available)} <span className="text-xl font-bold text-zinc-600">{product!.unit}</span>
        </p>
        {short ? <p className="mt-1 text-base font-semibold text-amber-800">{t("moreThanAvailable")}</p> : null}
        {lotTracked && a.lots.length ? (
          <fieldset className="mt-3">
            <legend className="mb-1 text-base font-semibold">{t("whichLot")}</legend>
            <div className="space-y-2">
              {[{ code: "", quantity: 0, expiresAt: null as string | null }, ...a.lots].map((l, i) => (
                <label key={l.code || "fefo"} className={cn("flex min-h-12 items-center gap-3 rounded-xl border-2 px-3 text-base", state.pickLot === l.code ? "border-indigo-600 bg-indigo-50" : "border-zinc-300")}>
                  <input type="radio" name="pick-lot" value={l.code} checked={state.pickLot === l.code} onChange={() => flow.set({ pickLot: l.code })} className="size-5" />
                  {i === 0 ? (
                    <span>
                      {t("fefo")} <span className="font-mono font-semibold">({a.lots[0].code}{a.lots[0].expiresAt ? ` · ${a.lots[0].expiresAt}` : ""})</span>
                    </span>
                  ) : (
                    <span className="font-mono">
                      {l.code} · {format.number(l.quantity)}
                      {l.expiresAt ? ` · ${t("expires", { date: l.expiresAt })}` : ""}
                    </span>
                  )}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
      </section>
    );
  }

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
    if (outcome.kind === "queued") {
      return (
        <ResultPanel tone="queued" title={t(`queued.${mode}`, { quantity: format.number(outcome.quantity), sku: outcome.sku })}>
          <p className="text-lg font-medium">{t("queuedHint")}</p>
        </ResultPanel>
      );
    }
    const what = t(`did.${mode}`, { quantity: format.number(outcome.quantity), sku: outcome.sku });
    return (
      <ResultPanel tone="success" title={what}>
        {mode === "transfer" ? (
          <div className="grid grid-cols-2 gap-3">
            <BigFigure caption={t("leftAt", { location: outcome.location })} value={format.number(outcome.fromBalance ?? 0)} />
            <BigFigure caption={t("nowAt", { location: outcome.to ?? "" })} value={format.number(outcome.toBalance ?? 0)} />
          </div>
        ) : (
          <BigFigure caption={t("newBalanceAt", { location: outcome.location })} value={format.number(outcome.balance ?? 0)} unit={outcome.unit} />
        )}
        {outcome.lots?.length ? <p className="mt-2 text-base text-white/90">{t("fromLots", { lots: outcome.lots.map((l) => `${l.code} (${format.number(l.quantity)})`).join(", ") })}</p> : null}
        <p className="mt-2 font-mono text-base text-white/85">{outcome.number}</p>
      </ResultPanel>
    );
  }
}
