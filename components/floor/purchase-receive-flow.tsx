"use client";
// Receive against a purchase order, on the handheld:
//   order (scanned, typed, picked from "Expected today", or /floor/receive?order=…) → its open lines
//   → location → product (only one on the order) → quantity (no more than is open) →
//   (lot-tracked: lot + expiry) → Confirm: ONE receipt through receivePurchaseOrder.
//
// The steps are the Receive flow's own (./scan-flow.ts useScanFlow): the same scanner queue, the
// same add-one-per-scan, lots and GS1 labels. The order number is taken before the steps
// (`takeScan`), so a location scanned right behind the order waits its turn instead of being lost.
// What is open limits the quantity on the spot (`maxQuantity`); the server checks again under the
// order's lock and its refusal (another clerk was faster) comes back with what is open now.
//
// Online only: a receipt against an order is not queued in the outbox (the open quantities would
// be a guess). Each Confirm has its own Idempotency-Key; the same receipt sent again after a lost
// answer keeps its key, so it is posted once.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action";
import type { FloorExpectedOrder, FloorOrder, FloorOrderLine, FloorReceiptOutcome } from "@/app/floor/purchase-actions";
import { cn } from "../ui/cn";
import { CheckIcon, ChevronRightIcon } from "../ui/icons";
import { signal } from "./feedback";
import { LocationAndProductSteps, LotStep, ScanQueueNote, useScanFlow, type Resolve } from "./scan-flow";
import { BigFigure, ConfirmBar, confirmClasses, QuantityField, ResultPanel, ScanField, TodoField } from "./steps";

export type OrderActions = {
  expected: () => Promise<ActionResult<FloorExpectedOrder[]>>;
  load: (number: string) => Promise<ActionResult<FloorOrder | null>>;
  receive: (number: string, input: unknown, idempotencyKey: string) => Promise<ActionResult<FloorReceiptOutcome>>;
};

type Outcome =
  | { kind: "done"; movement: string; order: string; sku: string; quantity: number; unit: string; open: number; status: FloorOrder["status"] }
  | { kind: "failed"; message: string; open?: { sku: string; quantity: number } };

const subscribeOnline = (notify: () => void) => {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
};

/** Whether the browser says it is online (true while rendering on the server). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** What a list action answered (`items`) or why it could not be had (`error`); null until the first answer. */
export type Loaded<T> = { items: T } | { error: string } | null;

/**
 * Loads with `load` while `active` holds: each time it starts holding, and again when the
 * connection comes back. When the server cannot be reached the error is `offlineText`.
 */
export function useLoadedWhile<T>(active: boolean, load: () => Promise<ActionResult<T>>, offlineText: string): Loaded<T> {
  const online = useOnline();
  const [value, setValue] = useState<Loaded<T>>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    (async () => {
      let next: Exclude<Loaded<T>, null>;
      try {
        const r = await load();
        next = r.ok ? { items: r.data } : { error: r.error.message };
      } catch {
        next = { error: offlineText };
      }
      if (live) setValue(next);
    })();
    return () => {
      live = false;
    };
  }, [active, online, load, offlineText]);
  return value;
}

/** The choices a screen offers before its steps (Expected today, Open pick lists): one big button each. */
export function ChoiceList<T>({
  id,
  heading,
  loaded,
  empty,
  keyOf,
  onChoose,
  disabled,
  children,
}: {
  id: string;
  heading: string;
  loaded: Loaded<T[]>;
  /** What to say when there is nothing to choose. */
  empty: string;
  keyOf: (item: T) => string;
  onChoose: (item: T) => void;
  disabled?: boolean;
  /** The button's text. */
  children: (item: T) => ReactNode;
}) {
  const t = useTranslations("floor");
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-lg font-bold">
        {heading}
      </h2>
      {loaded === null ? (
        <p className="rounded-2xl bg-white p-4 text-base text-zinc-600">{t("loading")}</p>
      ) : "error" in loaded ? (
        <p className="rounded-2xl bg-white p-4 text-base text-zinc-700">{loaded.error}</p>
      ) : loaded.items.length === 0 ? (
        <p className="rounded-2xl bg-white p-4 text-base text-zinc-600">{empty}</p>
      ) : (
        <ul className="space-y-2">
          {loaded.items.map((item) => (
            <li key={keyOf(item)}>
              <button
                type="button"
                onClick={() => onChoose(item)}
                disabled={disabled}
                className="flex w-full items-center gap-3 rounded-2xl border-2 border-zinc-200 bg-white p-3 text-left shadow-sm active:border-zinc-400 disabled:opacity-60"
              >
                <span className="min-w-0 flex-1">{children(item)}</span>
                <ChevronRightIcon className="size-7 shrink-0 text-zinc-400" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PurchaseReceiveFlow({ actions, resolve, initialOrder }: { actions: OrderActions; resolve: Resolve; initialOrder?: string }) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const online = useOnline();
  const [order, setOrderState] = useState<FloorOrder | null>(null);
  // Read by queued scans, which must see the order a scan before them opened.
  const orderRef = useRef<FloorOrder | null>(null);
  const setOrder = (o: FloorOrder | null) => {
    orderRef.current = o;
    setOrderState(o);
  };
  const [opening, setOpening] = useState<string | null>(null);
  /** The key of the last receipt sent without an answer, and what it was for. */
  const unanswered = useRef<{ key: string; body: string } | null>(null);

  const lineFor = (sku: string): FloorOrderLine | undefined => orderRef.current?.lines.find((l) => l.sku === sku);
  const orderNo = () => orderRef.current?.number ?? "";
  const tooMany = (sku: string, max: number) => (max <= 0 ? t("po.nothingOpen", { sku, order: orderNo() }) : t("po.tooMany", { sku, max, order: orderNo() }));

  const flow = useScanFlow<Outcome>({
    resolve,
    minQuantity: 1,
    lotOnReceipt: true,
    checkLocation: (l) => (l.active ? null : t("inactiveLocation", { code: l.code })),
    checkProduct: (p) => {
      const line = lineFor(p.sku);
      if (!line) return t("po.notOnOrder", { sku: p.sku, order: orderNo() });
      if (p.tracking === "serial") return t("po.serialTracked", { sku: p.sku });
      return line.allowed > 0 ? null : tooMany(p.sku, 0);
    },
    otherProduct: (current, scanned) => (scanned && !lineFor(scanned.sku) ? t("po.notOnOrder", { sku: scanned.sku, order: orderNo() }) : t("confirmFirst", { sku: current.sku })),
    maxQuantity: (p) => lineFor(p.sku)?.allowed ?? null,
    overMax: (p, max) => tooMany(p.sku, max),
    // An order opened, or back to choosing one: the focus goes to that step's scan field.
    focusKey: order?.number ?? "",
    // Until an order is open, a scan is its number.
    takeScan: async (code) => {
      if (orderRef.current) return false;
      await openOrder(code);
      return true;
    },
  });
  const { state, quantity, pending, confirmRef } = flow;
  const { step, location, product, outcome, fieldError } = state;


  async function openOrder(code: string) {
    const number = code.trim().toUpperCase();
    setOpening(number);
    try {
      const r = await actions.load(number);
      if (!r.ok) return flow.fail(r.error.message);
      if (!r.data) return flow.fail(t("po.notFound", { number }));
      if (!r.data.receivable) return flow.fail(t("po.notReceivable", { number: r.data.number, status: t(`po.status.${r.data.status}`) }));
      setOrder(r.data);
      signal("scan");
      flow.set({ fieldError: null, outcome: null });
    } catch {
      flow.fail(t("po.needsConnection"));
    } finally {
      setOpening(null);
    }
  }

  // /floor/receive?order=…: opened as if scanned, so scans that follow queue behind it.
  const started = useRef(false);
  const push = flow.scanner.push;
  useEffect(() => {
    if (started.current || !initialOrder) return;
    started.current = true;
    push(initialOrder);
  }, [initialOrder, push]);

  // "Expected today": loaded each time the order step shows, and again when the connection comes back.
  const expected = useLoadedWhile(!order, actions.expected, t("po.needsConnection"));

  const anotherOrder = () => {
    setOrder(null);
    unanswered.current = null;
    flow.restart();
  };

  const line = product ? order?.lines.find((l) => l.sku === product.sku) : undefined;
  const lotTracked = product?.tracking === "lot";
  const overNow = product && Number.isFinite(quantity) ? flow.overLimit(quantity) : null;
  const ready = Boolean(order && location && product && line && flow.qtyValid && !overNow && (!lotTracked || state.lot.trim()));

  const confirm = async () => {
    const o = orderRef.current;
    if (!ready || !o || !location || !product) return;
    await flow.sendOnce(async () => {
      const st = flow.stateRef.current;
      if (!navigator.onLine) {
        flow.set({ outcome: { kind: "failed", message: t("po.needsConnection") } });
        signal("error");
        return;
      }
      const input = {
        location: location.code,
        lines: [{ sku: product.sku, quantity, ...(lotTracked ? { lot: st.lot.trim(), ...(st.expiresAt ? { expiresAt: st.expiresAt } : {}) } : {}) }],
      };
      // A fresh key per confirmation; the same receipt again after no answer keeps its key (a replay).
      const body = JSON.stringify([o.number, input]);
      const key = unanswered.current?.body === body ? unanswered.current.key : crypto.randomUUID();
      unanswered.current = { key, body };
      let r: ActionResult<FloorReceiptOutcome>;
      try {
        r = await actions.receive(o.number, input, key);
      } catch {
        flow.set({ outcome: { kind: "failed", message: t("po.noAnswer") } });
        signal("error");
        return;
      }
      unanswered.current = null;
      if (!r.ok) {
        flow.set({ outcome: { kind: "failed", message: r.error.message } });
        signal("error");
        return;
      }
      setOrder(r.data.order);
      if (r.data.kind === "over") {
        // Someone was faster: say what is open now; the scanned location, product and quantity stay.
        const { sku, open, requested } = r.data;
        flow.set({
          outcome: { kind: "failed", message: t("po.overNow", { sku, open, requested, order: o.number }), open: { sku, quantity: open } },
          step: "quantity",
          fieldError: null,
        });
        signal("error");
        return;
      }
      const after = r.data.order.lines.find((l) => l.sku === product.sku);
      flow.startNext({ kind: "done", movement: r.data.movement, order: o.number, sku: product.sku, quantity, unit: product.unit, open: after?.open ?? 0, status: r.data.order.status });
    });
  };

  if (!order) return renderPickOrder();

  const allReceived = order.lines.every((l) => l.allowed <= 0);
  return (
    <div className="space-y-3">
      <section className="rounded-2xl bg-emerald-800 px-4 py-3 text-white">
        <div className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <p className="font-mono text-xl font-bold">{order.number}</p>
            <p className="truncate text-base text-white/90">{order.supplier.name}</p>
            <p className="mt-1 text-sm font-semibold text-white/85">{t(`po.status.${order.status}`)}</p>
          </div>
          <button type="button" onClick={anotherOrder} className="h-12 shrink-0 rounded-xl border-2 border-white/40 px-3 text-base font-semibold active:bg-white/15">
            {t("po.anotherOrder")}
          </button>
        </div>
      </section>

      {!online ? <OfflineNote text={t("po.needsConnection")} /> : null}

      <LocationAndProductSteps flow={flow} locationLabel={t("location")} />

      {product ? (
        <QuantityField
          id="quantity"
          n={3}
          label={t("quantity")}
          unit={product.unit}
          {...flow.quantityInput}
          // A typed quantity above what is open says so at once (a scan or + is refused before it counts).
          error={flow.quantityInput.error ?? (step === "quantity" ? overNow : null)}
          hint={step === "quantity" && line ? t("po.quantityHint", { n: format.number(line.open) }) : undefined}
          onStep={flow.stepQuantity}
          onSubmit={flow.onQuantityEnter}
        />
      ) : (
        <TodoField n={3} label={t("quantity")} />
      )}

      {lotTracked ? <LotStep flow={flow} /> : null}

      <ScanQueueNote flow={flow} />

      {outcome ? renderOutcome(outcome) : null}

      <h2 id="order-lines-heading" className="pt-3 text-lg font-bold">
        {t("po.orderLines", { number: order.number })}
      </h2>
      <ul aria-labelledby="order-lines-heading" className="divide-y divide-zinc-200 overflow-hidden rounded-2xl bg-white shadow-sm">
        {order.lines.map((l) => {
          const current = product?.sku === l.sku;
          const done = l.allowed <= 0;
          return (
            <li key={l.sku} aria-current={current || undefined} className={cn("flex items-center gap-3 px-4 py-2", current && "bg-indigo-50", done && "text-zinc-500")}>
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-lg font-bold">
                  {l.sku}
                  {l.tracking === "lot" ? <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 align-middle font-sans text-xs font-semibold text-zinc-700">{t("po.lotTracked")}</span> : null}
                </p>
                <p className="truncate text-sm text-zinc-600">{l.name}</p>
                <p className="text-sm text-zinc-600">
                  {t("po.ofOrdered", { received: format.number(l.received), ordered: format.number(l.ordered) })}
                  {l.allowed > l.open ? ` · ${t("po.upTo", { n: format.number(l.allowed) })}` : ""}
                </p>
              </div>
              <p className={cn("shrink-0 text-right text-2xl font-black tabular", done && "text-base font-semibold")}>
                {done ? (
                  <span className="flex items-center gap-1">
                    <CheckIcon className="size-5" />
                    {t("po.lineDone")}
                  </span>
                ) : (
                  t("po.openN", { n: format.number(l.open) })
                )}
              </p>
            </li>
          );
        })}
      </ul>

      <ConfirmBar>
        {(step === "confirm" && fieldError) || (step !== "quantity" && overNow) ? (
          <p role="alert" className="mb-2 text-lg font-semibold text-red-700">
            {step === "confirm" && fieldError ? fieldError : overNow}
          </p>
        ) : null}
        <button
          ref={confirmRef}
          type="button"
          onClick={() => void confirm()}
          disabled={!ready || pending || allReceived}
          aria-busy={pending || undefined}
          className={confirmClasses}
        >
          <CheckIcon className="size-7" />
          {pending ? t("posting") : t("confirm")}
        </button>
      </ConfirmBar>
    </div>
  );

  function renderPickOrder() {
    return (
      <div className="space-y-3">
        {!online ? <OfflineNote text={t("po.needsConnection")} /> : null}
        <ScanField id="scan-order" label={t("po.order")} hint={opening ? t("po.opening", { number: opening }) : t("po.orderHint")} {...flow.scanField} />
        <ScanQueueNote flow={flow} />
        <ChoiceList
          id="expected-heading"
          heading={t("po.expectedToday")}
          loaded={expected}
          empty={t("po.expectedNone")}
          keyOf={(o) => o.number}
          onChoose={(o) => flow.scanner.push(o.number)}
          disabled={Boolean(opening)}
        >
          {(o) => (
            <>
              <span className="block font-mono text-xl font-bold">{o.number}</span>
              <span className="block truncate text-base text-zinc-700">{o.supplier}</span>
              <span className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
                {o.overdue ? <span className="rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-800">{t("po.overdue")}</span> : null}
                <span>{o.expectedDate ? t("po.expectedOn", { date: o.expectedDate }) : t("po.noDate")}</span>
                <span className="font-semibold text-zinc-700">{t(`po.status.${o.status}`)}</span>
              </span>
            </>
          )}
        </ChoiceList>
      </div>
    );
  }

  function renderOutcome(o: Outcome) {
    if (o.kind === "failed") {
      return (
        <ResultPanel tone="error" title={t("po.notReceived")}>
          {o.open ? <BigFigure caption={t("po.stillOpen", { sku: o.open.sku })} value={format.number(o.open.quantity)} /> : null}
          <p className={cn("text-lg font-medium", o.open && "mt-2")}>{o.message}</p>
        </ResultPanel>
      );
    }
    return (
      <ResultPanel tone="success" title={t("po.received", { quantity: format.number(o.quantity), sku: o.sku, order: o.order })}>
        <BigFigure caption={t("po.stillOpen", { sku: o.sku })} value={format.number(o.open)} unit={o.unit} />
        <p className="mt-2 text-lg font-medium">{o.status === "received" ? t("po.allReceived", { order: o.order }) : t("po.orderIs", { order: o.order, status: t(`po.status.${o.status}`) })}</p>
        <p className="mt-1 font-mono text-base text-white/85">{o.movement}</p>
      </ResultPanel>
    );
  }
}

/** The amber "needs a connection" notice of the online-only floor screens. */
export function OfflineNote({ text }: { text: string }) {
  return (
    <p role="status" className="rounded-2xl bg-amber-100 px-4 py-3 text-base font-semibold text-amber-900 ring-2 ring-amber-500">
      {text}
    </p>
  );
}
